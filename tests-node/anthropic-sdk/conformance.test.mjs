// Conformance: the official TypeScript SDK (@anthropic-ai/sdk, unmodified: only baseURL,
// apiKey/authToken and maxRetries are set, no header overrides) against `portal emulator`.
// The whole suite runs once per SDK version (npm aliases sdk-1.14.0 and sdk-1.12.0 in
// package.json), each version against its own emulator process.
//
//   PORTAL_BIN=/path/to/build/bin/portal node --test --test-concurrency=1 conformance.test.mjs
//
// The SDK sends `Authorization: Bearer <key>` and `anthropic-version: 2026-10-21`, unlike the
// documented curl examples (x-api-key, 2023-06-01); the emulator must accept both. Under
// 2026-10-21 an API key has no `workspace_id`, only `scope`. Plain `fetch` is used only for what
// the SDK does not cover: the emulator's own `/_emulator/*` endpoints and the classic reports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Anthropic1140 from 'sdk-1.14.0';
import { ERROR_CODE_CLASSES as errorClasses1140 } from 'sdk-1.14.0/core/error-classes';
import Anthropic1120 from 'sdk-1.12.0';
import { ERROR_CODE_CLASSES as errorClasses1120 } from 'sdk-1.12.0/core/error-classes';

const SDKS = [
  { version: '1.14.0', Anthropic: Anthropic1140, errorClasses: errorClasses1140 },
  { version: '1.12.0', Anthropic: Anthropic1120, errorClasses: errorClasses1120 },
];

const here = path.dirname(fileURLToPath(import.meta.url));
const PORTAL_BIN = process.env.PORTAL_BIN ?? path.resolve(here, '../../build/bin/portal');
const ADMIN_KEY = 'sk-ant-admin01-conformance-test-key';
const KEY_COUNT = 25; // more than one default page (20)

// Admin API business errors (error.details.error_code) and the SDK version that first maps
// `STATUS error_code` to a specific class (ERROR_CODE_CLASSES); older versions give the plain
// status class (BadRequestError, ServiceUnavailableError, ...) with the same errorCode.
const BUSINESS_ERRORS = {
  concurrent_membership_change: { status: 409, name: 'ConcurrentMembershipChangeError', since: '1.12.0' },
  sandbox_egress_restricted: { status: 403, name: 'SandboxEgressRestrictedError', since: '1.12.0' },
  workspace_created_incomplete: { status: 503, name: 'WorkspaceCreatedIncompleteError', since: '1.14.0' },
  change_outcome_unknown: { status: 503, name: 'ChangeOutcomeUnknownError', since: '1.14.0' },
  already_member: { status: 400, name: 'AlreadyMemberError', since: '1.12.0' },
  cannot_remove_last_member: { status: 400, name: 'CannotRemoveLastMemberError', since: '1.12.0' },
  invite_already_exists: { status: 400, name: 'InviteAlreadyExistsError', since: '1.12.0' },
  workspace_api_key_limit_exceeded: { status: 400, name: 'WorkspaceAPIKeyLimitExceededError', since: '1.12.0' },
  org_api_key_limit_exceeded: { status: 400, name: 'OrgAPIKeyLimitExceededError', since: '1.12.0' },
  spend_limits_admin_api_writes_not_enabled: {
    status: 403,
    name: 'BetaSpendLimitsAdminAPIWritesNotEnabledError',
    since: '1.12.0',
  },
};

// Every dimension of the analytics reports' `group` (BetaAnalyticsUsageGroup / BetaAnalyticsCostGroup).
const USAGE_GROUP_KEYS = [
  'actor', 'actor_type', 'agent_id', 'api_key_id', 'claude_tag_category', 'claude_tag_user_id',
  'context_window', 'deployment_id', 'environment_id', 'inference_geo', 'model', 'organization_id',
  'product', 'rbac_group_id', 'service_tier', 'session_id', 'slack_channel_id', 'speed',
  'user_profile_id', 'workspace_id',
];
const COST_GROUP_KEYS = [...USAGE_GROUP_KEYS, 'cost_type', 'token_type'];
// The fields of APIKey and Workspace in both SDK versions' types.
const API_KEY_FIELDS = [
  'created_at', 'created_by', 'expires_at', 'id', 'name', 'partial_key_hint', 'principal', 'scope', 'status', 'type',
];
const WORKSPACE_FIELDS = [
  'archived_at', 'compartment_id', 'created_at', 'data_residency', 'display_color', 'external_key_id', 'id', 'name',
  'tags', 'type', 'user_profile_id',
];

function versionAtLeast(version, minimum) {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startEmulator(port, tmp) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      PORTAL_BIN,
      [
        'emulator',
        '--listen', `127.0.0.1:${port}`,
        '--admin-key', ADMIN_KEY,
        '--workspaces', '3',
        '--keys', String(KEY_COUNT),
        '--users', '6',
        '--seed', '7',
        '--dump-keys', path.join(tmp, 'keys.json'),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('listening on http://')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}:\n${output}`));
    });
  });
}

async function stopEmulator(child) {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function rejection(promise) {
  return promise.then(
    (value) => assert.fail(`expected an error, got ${JSON.stringify(value)}`),
    (error) => error,
  );
}

// Start of the UTC day `daysAgo` days before today, as RFC 3339.
function utcDayStart(daysAgo) {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - daysAgo);
  return d.toISOString().replace('.000Z', 'Z');
}

// Decimal string (cents) → integer count of 1e-9 cents, to add amounts exactly.
function decimalToNano(text) {
  assert.match(text, /^-?\d+(\.\d{1,9})?$/, `decimal string: ${text}`);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
  return negative ? -value : value;
}

for (const sdk of SDKS) {
  const { version, Anthropic, errorClasses } = sdk;

  describe(`sdk ${version}`, () => {
    let emulator;
    let baseURL;
    let tmp;
    let dumpedKeys;
    let defaultWorkspaceId;

    const admin = (options = {}) => new Anthropic({ baseURL, apiKey: ADMIN_KEY, ...options });
    const noRetry = () => admin({ maxRetries: 0 });

    // The emulator's own endpoints (admin key, no anthropic-version).
    async function emulatorPost(endpoint, body) {
      const response = await fetch(`${baseURL}/_emulator/${endpoint}`, {
        method: 'POST',
        headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(response.status, 200, `POST /_emulator/${endpoint}: ${await response.clone().text()}`);
      return response.json();
    }
    async function queuedFaults() {
      const response = await fetch(`${baseURL}/_emulator/faults`, { headers: { 'x-api-key': ADMIN_KEY } });
      return (await response.json()).queued;
    }
    const injectFault = (fault) => emulatorPost('faults', { faults: [fault] });
    const settings = (body) => emulatorPost('settings', body);

    // The classic (non-SDK) Admin API as documented: x-api-key + anthropic-version.
    async function classicGet(pathAndQuery, anthropicVersion = '2023-06-01') {
      const response = await fetch(`${baseURL}${pathAndQuery}`, {
        headers: { 'x-api-key': ADMIN_KEY, 'anthropic-version': anthropicVersion },
      });
      return { status: response.status, body: await response.json() };
    }

    // The SDK's typed error for an Admin API business error: the specific class where this SDK
    // version has one, else the plain status class; errorCode/details from error.details.
    function assertBusinessError(error, code) {
      const expected = BUSINESS_ERRORS[code];
      assert.ok(expected, `unknown business error ${code}`);
      assert.ok(error instanceof Anthropic.APIError, `not an APIError: ${error}`);
      assert.equal(error.status, expected.status);
      assert.equal(error.errorCode, code);
      assert.equal(error.details.error_code, code);
      assert.equal(error.error.error.details.error_code, code);
      assert.match(error.requestID, /^req_/);
      const statusClass = {
        400: Anthropic.BadRequestError,
        403: Anthropic.PermissionDeniedError,
        409: Anthropic.ConflictError,
        503: Anthropic.ServiceUnavailableError,
      }[expected.status];
      assert.ok(error instanceof statusClass, `${error.name} is not a ${statusClass.name}`);
      const specific = errorClasses.get(`${expected.status} ${code}`);
      if (versionAtLeast(version, expected.since)) {
        assert.ok(specific, `${version} maps ${expected.status} ${code}`);
        assert.ok(error instanceof specific, `${error.name} is not a ${expected.name}`);
        assert.equal(error.name, expected.name);
      } else {
        assert.equal(specific, undefined, `${version} has no class for ${code}`);
        assert.equal(error.constructor, statusClass);
      }
    }

    before(async () => {
      assert.ok(existsSync(PORTAL_BIN), `PORTAL_BIN not found: ${PORTAL_BIN} (build the portal target first)`);
      tmp = mkdtempSync(path.join(os.tmpdir(), 'portal-sdk-'));
      const port = await freePort();
      baseURL = `http://127.0.0.1:${port}`;
      emulator = await startEmulator(port, tmp);
      dumpedKeys = JSON.parse(readFileSync(path.join(tmp, 'keys.json'), 'utf8'));
      const all = await collect(admin().organization.workspaces.list({ include_default: true }));
      defaultWorkspaceId = all.at(-1).id;
    });

    after(async () => {
      await stopEmulator(emulator);
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    describe('organization', () => {
      test('me, with apiKey and with authToken', async () => {
        const org = await admin().organization.retrieve();
        assert.equal(org.type, 'organization');
        assert.match(org.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.equal(typeof org.name, 'string');

        const viaToken = await new Anthropic({ baseURL, authToken: ADMIN_KEY }).organization.retrieve();
        assert.equal(viaToken.id, org.id);

        // The beta variant adds ?beta=true, which the emulator ignores.
        const beta = await admin().beta.organization.retrieve();
        assert.equal(beta.id, org.id);
      });
    });

    describe('api keys', () => {
      test('list auto-paginates over every key; scope carries the workspace', async () => {
        const client = admin();
        const all = await collect(client.organization.apiKeys.list());
        assert.equal(all.length, KEY_COUNT);
        assert.equal(new Set(all.map((k) => k.id)).size, KEY_COUNT);
        const small = await collect(client.organization.apiKeys.list({ limit: 4 }));
        assert.deepEqual(small.map((k) => k.id), all.map((k) => k.id));

        const firstPage = await client.organization.apiKeys.list({ limit: 4 });
        assert.equal(firstPage.data.length, 4);
        assert.equal(firstPage.has_more, true);
        assert.equal(firstPage.first_id, firstPage.data[0].id);
        assert.equal(firstPage.last_id, firstPage.data[3].id);

        const dumped = new Map(dumpedKeys.map((k) => [k.id, k]));
        for (const key of all) {
          assert.equal(key.type, 'api_key');
          assert.match(key.id, /^apikey_01[1-9A-HJ-NP-Za-km-z]{22}$/);
          assert.match(key.partial_key_hint, /^sk-ant-api03-.{3}\.\.\..{2}AA$/);
          assert.ok(['active', 'inactive', 'archived'].includes(key.status));
          assert.equal(key.created_by.type, 'user');
          assert.ok(!('value' in key));
          // anthropic-version 2026-10-21: no workspace_id, the workspace is in scope.
          assert.deepEqual(Object.keys(key).sort(), API_KEY_FIELDS);
          const expectedWorkspace = dumped.get(key.id).workspace_id ?? defaultWorkspaceId;
          assert.deepEqual(key.scope, { type: 'workspace', workspace_id: expectedWorkspace });
          assert.equal(key.expires_at, null);
          assert.equal(key.principal.type, 'user_actor');
        }
        const inDefault = all.filter((k) => k.scope.workspace_id === defaultWorkspaceId);
        assert.ok(inDefault.length > 0, 'some keys live in the Default Workspace');
        assert.ok(all.some((k) => k.status === 'inactive'));
        assert.ok(all.some((k) => k.status === 'archived'));

        const inactive = await collect(client.organization.apiKeys.list({ status: 'inactive' }));
        assert.ok(inactive.length > 0 && inactive.every((k) => k.status === 'inactive'));
        const byDefault = await collect(client.organization.apiKeys.list({ workspace_id: defaultWorkspaceId }));
        assert.deepEqual(byDefault.map((k) => k.id).sort(), inDefault.map((k) => k.id).sort());
      });

      test('the documented versions keep workspace_id (null for Default); others are rejected', async () => {
        const key = dumpedKeys.find((k) => k.workspace_id === null);
        for (const anthropicVersion of ['2023-01-01', '2023-06-01']) {
          const { status, body } = await classicGet(`/v1/organizations/api_keys/${key.id}`, anthropicVersion);
          assert.equal(status, 200);
          assert.equal(body.workspace_id, null);
          assert.deepEqual(body.scope, { type: 'workspace', workspace_id: defaultWorkspaceId });
        }
        for (const anthropicVersion of ['2024-01-01', '2026-10-20', 'latest']) {
          const { status, body } = await classicGet(`/v1/organizations/api_keys/${key.id}`, anthropicVersion);
          assert.equal(status, 400, anthropicVersion);
          assert.equal(body.error.type, 'invalid_request_error');
        }
      });

      test('retrieve and update (inactive is reversible, archived is final)', async () => {
        const client = admin();
        const active = dumpedKeys.find((k) => k.status === 'active');
        const key = await client.organization.apiKeys.retrieve(active.id);
        assert.equal(key.id, active.id);
        assert.equal(key.partial_key_hint, `${active.value.slice(0, 16)}...${active.value.slice(-4)}`);
        assert.equal(key.scope.workspace_id, active.workspace_id ?? defaultWorkspaceId);

        const off = await client.organization.apiKeys.update(active.id, { status: 'inactive', name: 'SDK renamed' });
        assert.equal(off.status, 'inactive');
        assert.equal(off.name, 'SDK renamed');
        assert.ok(!('workspace_id' in off));
        const on = await client.organization.apiKeys.update(active.id, { status: 'active' });
        assert.equal(on.status, 'active');

        const archived = dumpedKeys.find((k) => k.status === 'archived');
        await assert.rejects(
          client.organization.apiKeys.update(archived.id, { status: 'active' }),
          Anthropic.BadRequestError,
        );
      });

      test('a generated key can list models; an inactive one cannot', async () => {
        const active = dumpedKeys.find((k) => k.status === 'active');
        const models = await new Anthropic({ baseURL, apiKey: active.value }).models.list();
        assert.ok(models.data.length > 0);
        const inactive = dumpedKeys.find((k) => k.status === 'inactive');
        await assert.rejects(
          new Anthropic({ baseURL, apiKey: inactive.value }).models.list(),
          Anthropic.AuthenticationError,
        );
      });

      test('active key limits: workspace_api_key_limit_exceeded, org_api_key_limit_exceeded', async () => {
        const client = noRetry();
        const keys = await collect(client.organization.apiKeys.list());
        // Two inactive keys of one workspace: the first is activated, the second hits the limit.
        const inactive = keys.filter((k) => k.status === 'inactive');
        const workspace = inactive.map((k) => k.scope.workspace_id)
          .find((ws, i, all) => all.indexOf(ws) !== all.lastIndexOf(ws));
        assert.ok(workspace, 'a workspace with two inactive keys');
        const [first, second] = inactive.filter((k) => k.scope.workspace_id === workspace);
        try {
          await client.organization.apiKeys.update(first.id, { status: 'active' });
          const active = keys.filter((k) => k.status === 'active' && k.scope.workspace_id === workspace).length + 1;
          await settings({ workspace_active_api_keys_limit: active });
          const perWorkspace = await rejection(client.organization.apiKeys.update(second.id, { status: 'active' }));
          assertBusinessError(perWorkspace, 'workspace_api_key_limit_exceeded');

          await settings({ workspace_active_api_keys_limit: 0, org_active_api_keys_limit: 1 });
          const perOrg = await rejection(client.organization.apiKeys.update(second.id, { status: 'active' }));
          assertBusinessError(perOrg, 'org_api_key_limit_exceeded');
          assert.equal((await client.organization.apiKeys.retrieve(second.id)).status, 'inactive');
          // Deactivating is never limited.
          assert.equal((await client.organization.apiKeys.update(first.id, { status: 'inactive' })).status, 'inactive');
        } finally {
          await settings({ workspace_active_api_keys_limit: 0, org_active_api_keys_limit: 0 });
          await client.organization.apiKeys.update(first.id, { status: 'inactive' });
        }
        // Without limits the same change goes through (and is undone).
        assert.equal((await client.organization.apiKeys.update(second.id, { status: 'active' })).status, 'active');
        await client.organization.apiKeys.update(second.id, { status: 'inactive' });
      });
    });

    describe('workspaces', () => {
      test('create, list, update, archive', async () => {
        const client = admin();
        const created = await client.organization.workspaces.create({ name: 'SDK workspace', display_color: '#112233' });
        assert.equal(created.type, 'workspace');
        assert.equal(created.name, 'SDK workspace');
        assert.equal(created.display_color, '#112233');
        assert.equal(created.archived_at, null);
        assert.equal(created.user_profile_id, null);
        assert.match(created.id, /^wrkspc_/);

        const listed = await collect(client.organization.workspaces.list());
        assert.ok(listed.some((w) => w.id === created.id));
        assert.equal((await client.organization.workspaces.retrieve(created.id)).id, created.id);

        const renamed = await client.organization.workspaces.update(created.id, { name: 'SDK renamed' });
        assert.equal(renamed.name, 'SDK renamed');

        const archived = await client.organization.workspaces.archive(created.id);
        assert.equal(typeof archived.archived_at, 'string');
        const active = await collect(client.organization.workspaces.list());
        assert.ok(!active.some((w) => w.id === created.id));
        const withArchived = await collect(client.organization.workspaces.list({ include_archived: true }));
        assert.ok(withArchived.some((w) => w.id === created.id));
      });

      test('include_default lists the Default Workspace last; ids[] selects; user_profile_id', async () => {
        const client = admin();
        const plain = await collect(client.organization.workspaces.list());
        assert.ok(plain.length >= 3);
        assert.ok(!plain.some((w) => w.id === defaultWorkspaceId), 'Default is not listed by default');

        const withDefault = await collect(client.organization.workspaces.list({ include_default: true, limit: 2 }));
        assert.equal(withDefault.length, plain.length + 1);
        const last = withDefault.at(-1);
        assert.equal(last.id, defaultWorkspaceId);
        assert.equal(last.name, 'Default');
        assert.equal(last.type, 'workspace');
        assert.deepEqual(withDefault.slice(0, -1).map((w) => w.id), plain.map((w) => w.id));
        for (const w of withDefault) {
          assert.deepEqual(Object.keys(w).sort(), WORKSPACE_FIELDS, w.id);
          assert.equal(w.user_profile_id, null);
        }
        assert.equal((await client.organization.workspaces.retrieve(defaultWorkspaceId)).name, 'Default');

        // The SDK sends ids[]=a&ids[]=b.
        const [a, , c] = plain;
        const picked = await collect(client.organization.workspaces.list({ ids: [c.id, a.id] }));
        assert.deepEqual(picked.map((w) => w.id).sort(), [a.id, c.id].sort());
        // include_default still applies to ids.
        const onlyDefault = await collect(client.organization.workspaces.list({ ids: [defaultWorkspaceId] }));
        assert.deepEqual(onlyDefault, []);
        const pickedDefault = await collect(
          client.organization.workspaces.list({ ids: [defaultWorkspaceId, a.id], include_default: true }),
        );
        assert.deepEqual(pickedDefault.map((w) => w.id), [a.id, defaultWorkspaceId]);
      });

      test('members: add, retrieve, update, list, remove', async () => {
        const client = admin();
        const workspace = await client.organization.workspaces.create({ name: 'SDK members' });
        const users = await collect(client.organization.users.list());
        const user = users.find((u) => u.role === 'developer' || u.role === 'user');
        assert.ok(user, 'a user who needs explicit membership');

        const added = await client.organization.workspaces.members.add(workspace.id, {
          user_id: user.id,
          workspace_role: 'workspace_developer',
        });
        assert.deepEqual(added, {
          type: 'workspace_member',
          user_id: user.id,
          workspace_id: workspace.id,
          workspace_role: 'workspace_developer',
        });
        const got = await client.organization.workspaces.members.retrieve(user.id, { workspace_id: workspace.id });
        assert.equal(got.workspace_role, 'workspace_developer');
        const updated = await client.organization.workspaces.members.update(user.id, {
          workspace_id: workspace.id,
          workspace_role: 'workspace_admin',
        });
        assert.equal(updated.workspace_role, 'workspace_admin');
        const members = await collect(client.organization.workspaces.members.list(workspace.id));
        assert.deepEqual(members.map((m) => m.user_id), [user.id]);
        const removed = await client.organization.workspaces.members.remove(user.id, { workspace_id: workspace.id });
        assert.deepEqual(removed, { type: 'workspace_member_deleted', user_id: user.id, workspace_id: workspace.id });
        await assert.rejects(
          client.organization.workspaces.members.retrieve(user.id, { workspace_id: workspace.id }),
          Anthropic.NotFoundError,
        );
      });
    });

    describe('users and invites', () => {
      test('users: list, filter by email, retrieve, update role', async () => {
        const client = admin();
        const users = await collect(client.organization.users.list({ limit: 2 }));
        assert.equal(users.length, 6);
        const admins = users.filter((u) => u.role === 'admin');
        assert.equal(admins.length, 1);
        const target = users.find((u) => u.role === 'developer');
        const byEmail = await collect(client.organization.users.list({ email: target.email.toUpperCase() }));
        assert.deepEqual(byEmail.map((u) => u.id), [target.id]);
        assert.equal((await client.organization.users.retrieve(target.id)).email, target.email);
        const updated = await client.organization.users.update(target.id, { role: 'claude_code_user' });
        assert.equal(updated.role, 'claude_code_user');
        await assert.rejects(client.organization.users.remove(admins[0].id), Anthropic.BadRequestError);
      });

      test('invites: create, retrieve, list, delete; already_member, invite_already_exists', async () => {
        const client = admin();
        const invite = await client.organization.invites.create({ email: 'sdk.invitee@example.org', role: 'developer' });
        assert.equal(invite.type, 'invite');
        assert.equal(invite.status, 'pending');
        assert.equal(Date.parse(invite.expires_at) - Date.parse(invite.invited_at), 21 * 24 * 3600 * 1000);
        assert.equal((await client.organization.invites.retrieve(invite.id)).email, 'sdk.invitee@example.org');
        const listed = await collect(client.organization.invites.list());
        assert.ok(listed.some((i) => i.id === invite.id));

        // The SDK maps error.details.error_code to its specific classes.
        const duplicate = await rejection(
          client.organization.invites.create({ email: 'SDK.Invitee@example.org', role: 'user' }),
        );
        assertBusinessError(duplicate, 'invite_already_exists');

        const [member] = await collect(client.organization.users.list({ limit: 1 }));
        const existing = await rejection(client.organization.invites.create({ email: member.email, role: 'user' }));
        assertBusinessError(existing, 'already_member');

        const deleted = await client.organization.invites.delete(invite.id);
        assert.deepEqual(deleted, { id: invite.id, type: 'invite_deleted' });
        const afterDelete = await collect(client.organization.invites.list());
        assert.ok(!afterDelete.some((i) => i.id === invite.id));
      });
    });

    describe('rate limits', () => {
      test('organization: 8 groups, GA and beta, filters, cursor paging', async () => {
        const client = admin();
        const all = await collect(client.organization.rateLimits.list());
        assert.equal(all.length, 8);
        assert.deepEqual(all.map((r) => r.group.type), [
          'model_group', 'model_group', 'model_group', 'batch', 'token_count', 'files', 'skills', 'web_search',
        ]);
        assert.deepEqual(all.slice(0, 3).map((r) => r.group.display_name), ['Claude Opus', 'Claude Sonnet', 'Claude Haiku']);
        for (const r of all) {
          assert.equal(r.type, 'rate_limit');
          assert.equal(typeof r.id, 'string');
          assert.equal(typeof r.group.id, 'string');
          if (r.group.type === 'model_group') {
            assert.ok(Array.isArray(r.models) && r.models.length > 0);
          } else {
            assert.ok(!('display_name' in r.group));
            assert.equal(r.models, null);
          }
          assert.ok(r.limits.length > 0);
          for (const limit of r.limits) {
            assert.equal(typeof limit.type, 'string');
            assert.ok(Number.isInteger(limit.value) && limit.value > 0);
          }
        }
        assert.equal(new Set(all.map((r) => r.id)).size, 8);

        const beta = await collect(client.beta.organization.rateLimits.list());
        assert.deepEqual(beta, all);

        // limit 3 → pages of 3, 3, 2 linked by next_page.
        const firstPage = await client.organization.rateLimits.list({ limit: 3 });
        assert.equal(firstPage.data.length, 3);
        assert.equal(typeof firstPage.next_page, 'string');
        let pages = 0;
        for await (const page of firstPage.iterPages()) {
          pages += 1;
          assert.ok(page.data.length <= 3);
        }
        assert.equal(pages, 3);
        const paged = await collect(client.organization.rateLimits.list({ limit: 3 }));
        assert.deepEqual(paged.map((r) => r.id), all.map((r) => r.id));

        const models = await collect(client.organization.rateLimits.list({ group_type: 'model_group' }));
        assert.deepEqual(models.map((r) => r.id), all.slice(0, 3).map((r) => r.id));
        const batch = await collect(client.beta.organization.rateLimits.list({ group_type: 'batch' }));
        assert.deepEqual(batch.map((r) => r.group.type), ['batch']);

        const sonnet = all[1];
        const byModel = await collect(client.organization.rateLimits.list({ model: sonnet.models[0] }));
        assert.deepEqual(byModel.map((r) => r.id), [sonnet.id]);
        await assert.rejects(
          client.organization.rateLimits.list({ model: 'claude-no-such-model' }),
          Anthropic.NotFoundError,
        );
      });

      test('workspace overrides: update, list, include_inherited, clear', async () => {
        const client = admin();
        const workspace = await client.organization.workspaces.create({ name: 'SDK rate limits' });
        const org = await collect(client.organization.rateLimits.list());
        const opus = org[0];
        const orgValue = (group, type) => group.limits.find((l) => l.type === type).value;
        assert.deepEqual(await collect(client.organization.workspaces.rateLimits.list(workspace.id)), []);

        const updated = await client.organization.workspaces.rateLimits.update(opus.id, {
          workspace_id: workspace.id,
          limits: [{ type: 'requests_per_minute', value: 100 }],
        });
        assert.deepEqual(updated, {
          type: 'workspace_rate_limit',
          workspace_id: workspace.id,
          rate_limit_id: opus.id,
          group: opus.group,
          models: opus.models,
          limits: [{
            type: 'requests_per_minute',
            value: 100,
            org_limit: orgValue(opus, 'requests_per_minute'),
            source: { type: 'workspace' },
          }],
        });
        assert.equal(updated.limits[0].org_limit, 4000);

        const overrides = await collect(client.organization.workspaces.rateLimits.list(workspace.id));
        assert.deepEqual(overrides, [updated]);
        const viaBeta = await collect(client.beta.organization.workspaces.rateLimits.list(workspace.id));
        assert.deepEqual(viaBeta, [updated]);

        const inherited = await collect(
          client.organization.workspaces.rateLimits.list(workspace.id, { include_inherited: true, limit: 3 }),
        );
        assert.deepEqual(inherited.map((r) => r.rate_limit_id), org.map((r) => r.id));
        for (const [i, entry] of inherited.entries()) {
          assert.equal(entry.type, 'workspace_rate_limit');
          assert.equal(entry.workspace_id, workspace.id);
          assert.deepEqual(entry.limits.map((l) => l.type), org[i].limits.map((l) => l.type));
          for (const limit of entry.limits) {
            const fromOrg = orgValue(org[i], limit.type);
            assert.equal(limit.org_limit, fromOrg);
            if (i === 0 && limit.type === 'requests_per_minute') {
              assert.deepEqual(limit, { type: limit.type, value: 100, org_limit: fromOrg, source: { type: 'workspace' } });
            } else {
              assert.deepEqual(limit, { type: limit.type, value: fromOrg, org_limit: fromOrg, source: { type: 'organization' } });
            }
          }
        }
        const inheritedBatch = await collect(
          client.organization.workspaces.rateLimits.list(workspace.id, { include_inherited: true, group_type: 'batch' }),
        );
        assert.deepEqual(inheritedBatch.map((r) => r.group.type), ['batch']);

        await assert.rejects(
          client.organization.workspaces.rateLimits.update(opus.id, {
            workspace_id: workspace.id,
            limits: [{ type: 'requests_per_fortnight', value: 1 }],
          }),
          Anthropic.BadRequestError,
        );

        const cleared = await client.organization.workspaces.rateLimits.update(opus.id, {
          workspace_id: workspace.id,
          limits: [{ type: 'requests_per_minute', value: null }],
        });
        assert.equal(cleared.rate_limit_id, opus.id);
        assert.deepEqual(await collect(client.organization.workspaces.rateLimits.list(workspace.id)), []);
        const afterClear = await collect(
          client.organization.workspaces.rateLimits.list(workspace.id, { include_inherited: true }),
        );
        assert.ok(afterClear.every((r) => r.limits.every((l) => l.source.type === 'organization')));
      });
    });

    describe('spend limits (beta)', () => {
      test('set (upsert), list, retrieve, delete; 403 when the preview is off', async () => {
        const client = admin();
        const spend = client.beta.organization.spendLimits;
        const workspace = await client.organization.workspaces.create({ name: 'SDK spend limits' });

        const org = await spend.set({ amount: '50000', scope: { type: 'organization' } });
        assert.match(org.id, /^spl_/);
        assert.deepEqual(
          { ...org, created_at: undefined, updated_at: undefined },
          {
            id: org.id,
            type: 'spend_limit',
            amount: '50000',
            currency: 'USD',
            is_enabled: true,
            period: 'monthly',
            scope: { type: 'organization' },
            created_at: undefined,
            updated_at: undefined,
          },
        );
        assert.ok(!Number.isNaN(Date.parse(org.created_at)));
        assert.ok(!Number.isNaN(Date.parse(org.updated_at)));

        const again = await spend.set({ amount: '75000', scope: { type: 'organization' } });
        assert.equal(again.id, org.id, 'set is an upsert per scope and period');
        assert.equal(again.amount, '75000');
        assert.equal(again.created_at, org.created_at);

        const ws = await spend.set({ amount: '1000', scope: { type: 'workspace', workspace_id: workspace.id } });
        assert.notEqual(ws.id, org.id);
        assert.deepEqual(ws.scope, { type: 'workspace', workspace_id: workspace.id });

        // list() adds `anthropic-beta: spend-limit-reads-2026-09-26` itself; newest first.
        const listed = await collect(spend.list());
        assert.deepEqual(listed.map((l) => l.id), [ws.id, org.id]);
        assert.equal(listed[1].amount, '75000');
        const onlyWorkspace = await collect(spend.list({ scope_type: ['workspace'] }));
        assert.deepEqual(onlyWorkspace.map((l) => l.id), [ws.id]);
        const onlyOrg = await collect(spend.list({ scope_type: ['organization'] }));
        assert.deepEqual(onlyOrg.map((l) => l.id), [org.id]);

        assert.deepEqual(await spend.retrieve(ws.id), ws);
        assert.deepEqual(await spend.delete(ws.id), { id: ws.id, type: 'spend_limit_deleted' });
        await assert.rejects(spend.retrieve(ws.id), Anthropic.NotFoundError);
        assert.deepEqual((await collect(spend.list())).map((l) => l.id), [org.id]);

        const off = noRetry().beta.organization.spendLimits;
        try {
          assert.equal((await settings({ spend_limits_enabled: false })).spend_limits_enabled, false);
          assertBusinessError(await rejection(off.retrieve(org.id)), 'spend_limits_admin_api_writes_not_enabled');
          assertBusinessError(
            await rejection(off.set({ amount: '1', scope: { type: 'organization' } })),
            'spend_limits_admin_api_writes_not_enabled',
          );
          assertBusinessError(await rejection(collect(off.list())), 'spend_limits_admin_api_writes_not_enabled');
          assertBusinessError(await rejection(off.delete(org.id)), 'spend_limits_admin_api_writes_not_enabled');
        } finally {
          await settings({ spend_limits_enabled: true });
        }
        assert.equal((await spend.retrieve(org.id)).amount, '75000', 'nothing changed while off');
        await spend.delete(org.id);
      });
    });

    describe('analytics (beta)', () => {
      const startingAt = utcDayStart(1); // yesterday, 00:00 UTC
      const endingAt = utcDayStart(0); // today, 00:00 UTC
      const query = {
        starting_at: startingAt,
        ending_at: endingAt,
        time_bucket_width: '1d',
        group_by: ['api_key_id', 'model'],
        limit: 4,
      };

      test('usage: grouped items, auto-pagination, totals match the classic usage report', async () => {
        assert.ok(startingAt >= '2026-01-01', 'the analytics reports start on 2026-01-01');
        const client = admin();
        const firstPage = await client.beta.organization.analytics.usage.list(query);
        assert.equal(firstPage.data.length, 4);
        assert.equal(firstPage.has_more, true);
        assert.equal(typeof firstPage.next_page, 'string');

        const rows = await collect(client.beta.organization.analytics.usage.list(query));
        assert.ok(rows.length > 4, 'more than one page');
        const groups = new Set();
        for (const row of rows) {
          assert.equal(row.starting_at, startingAt);
          assert.equal(row.ending_at, endingAt);
          assert.deepEqual(Object.keys(row.group).sort(), [...USAGE_GROUP_KEYS].sort());
          for (const key of USAGE_GROUP_KEYS) {
            if (key === 'api_key_id' || key === 'model') {
              assert.equal(typeof row.group[key], 'string', key);
            } else {
              assert.equal(row.group[key], null, key);
            }
          }
          assert.match(row.group.api_key_id, /^apikey_01/);
          groups.add(`${row.group.api_key_id}/${row.group.model}`);
          const u = row.usage;
          for (const n of [
            u.uncached_input_tokens, u.cache_creation.ephemeral_1h_input_tokens, u.cache_creation.ephemeral_5m_input_tokens,
            u.cache_read_input_tokens, u.output_tokens, u.requests, u.server_tool_use.web_search_requests,
          ]) {
            assert.ok(Number.isInteger(n) && n >= 0);
          }
          assert.equal(
            u.total_tokens,
            u.uncached_input_tokens + u.cache_creation.ephemeral_1h_input_tokens +
              u.cache_creation.ephemeral_5m_input_tokens + u.cache_read_input_tokens + u.output_tokens,
          );
        }
        assert.equal(groups.size, rows.length, 'each (api key, model) once');

        const classic = await classicGet(
          `/v1/organizations/usage_report/messages?starting_at=${startingAt}&ending_at=${endingAt}&bucket_width=1d`,
        );
        assert.equal(classic.status, 200);
        assert.equal(classic.body.data.length, 1);
        assert.equal(classic.body.data[0].starting_at, startingAt);
        const classicTotal = classic.body.data[0].results.reduce((sum, r) => sum + r.output_tokens, 0);
        assert.ok(classicTotal > 0);
        assert.equal(rows.reduce((sum, r) => sum + r.usage.output_tokens, 0), classicTotal);
      });

      test('cost: grouped items, decimal cents, totals match the classic cost report', async () => {
        const client = admin();
        const rows = await collect(client.beta.organization.analytics.cost.list(query));
        assert.ok(rows.length > 4, 'more than one page');
        let total = 0n;
        for (const row of rows) {
          assert.equal(row.starting_at, startingAt);
          assert.deepEqual(Object.keys(row.group).sort(), [...COST_GROUP_KEYS].sort());
          assert.equal(typeof row.group.api_key_id, 'string');
          assert.equal(typeof row.group.model, 'string');
          assert.equal(row.group.workspace_id, null);
          assert.equal(row.cost.currency, 'USD');
          assert.ok(Number.isInteger(row.cost.requests) && row.cost.requests > 0);
          decimalToNano(row.cost.list_amount);
          total += decimalToNano(row.cost.amount);
        }
        const classic = await classicGet(`/v1/organizations/cost_report?starting_at=${startingAt}&ending_at=${endingAt}`);
        assert.equal(classic.status, 200);
        const classicTotal = classic.body.data
          .flatMap((bucket) => bucket.results)
          .reduce((sum, r) => sum + decimalToNano(r.amount), 0n);
        assert.ok(classicTotal > 0n);
        const diff = total > classicTotal ? total - classicTotal : classicTotal - total;
        assert.ok(diff <= 1_000_000n * BigInt(rows.length), `analytics ${total} vs classic ${classicTotal} (1e-9 cents)`);
      });

      test('missing starting_at and ranges over 31 days → BadRequestError', async () => {
        const usage = admin().beta.organization.analytics.usage;
        await assert.rejects(usage.list({ ending_at: endingAt }), Anthropic.BadRequestError);
        const wide = await rejection(usage.list({ starting_at: utcDayStart(40), ending_at: endingAt }));
        assert.ok(wide instanceof Anthropic.BadRequestError);
        assert.equal(wide.error.error.type, 'invalid_request_error');
        await assert.rejects(
          admin().beta.organization.analytics.cost.list({ starting_at: utcDayStart(33), ending_at: endingAt }),
          Anthropic.BadRequestError,
        );
      });
    });

    describe('typed business errors (emulator faults)', () => {
      test('users.remove + 409 concurrent_membership_change', async () => {
        const client = noRetry();
        const user = (await collect(client.organization.users.list())).find((u) => u.role !== 'admin');
        await injectFault('409:concurrent_membership_change');
        const error = await rejection(client.organization.users.remove(user.id));
        assertBusinessError(error, 'concurrent_membership_change');
        assert.equal(error.headers.get('x-should-retry'), 'false');
        assert.equal(await queuedFaults(), 0);
        assert.equal((await client.organization.users.retrieve(user.id)).id, user.id, 'the user was not removed');
      });

      test('users.remove + 400 cannot_remove_last_member', async () => {
        const client = noRetry();
        const user = (await collect(client.organization.users.list())).find((u) => u.role !== 'admin');
        await injectFault('400:cannot_remove_last_member');
        const error = await rejection(client.organization.users.remove(user.id));
        assertBusinessError(error, 'cannot_remove_last_member');
        assert.equal(error.error.error.type, 'invalid_request_error');
        assert.equal(await queuedFaults(), 0);
        assert.equal((await client.organization.users.retrieve(user.id)).id, user.id, 'the user was not removed');
      });

      test('invites.create + 403 sandbox_egress_restricted', async () => {
        const client = noRetry();
        await injectFault('403:sandbox_egress_restricted');
        const error = await rejection(
          client.organization.invites.create({ email: 'sdk.sandboxed@example.org', role: 'user' }),
        );
        assertBusinessError(error, 'sandbox_egress_restricted');
        assert.equal(error.error.error.type, 'permission_error');
        const invites = await collect(client.organization.invites.list());
        assert.ok(!invites.some((i) => i.email === 'sdk.sandboxed@example.org'), 'no invite was created');
      });

      test('workspaces.create + 503 workspace_created_incomplete: created, id in details', async () => {
        const client = noRetry();
        await injectFault('503:workspace_created_incomplete');
        const error = await rejection(client.organization.workspaces.create({ name: 'SDK incomplete' }));
        assertBusinessError(error, 'workspace_created_incomplete');
        assert.equal(error.headers.get('x-should-retry'), 'false');
        assert.match(error.details.workspace_id, /^wrkspc_/);
        const created = await client.organization.workspaces.retrieve(error.details.workspace_id);
        assert.equal(created.name, 'SDK incomplete');
      });

      test('workspaces.update + 503 change_outcome_unknown: the change is applied', async () => {
        const client = noRetry();
        const workspace = await client.organization.workspaces.create({ name: 'SDK outcome' });
        await injectFault('503:change_outcome_unknown');
        const error = await rejection(client.organization.workspaces.update(workspace.id, { name: 'SDK outcome 2' }));
        assertBusinessError(error, 'change_outcome_unknown');
        assert.equal(error.headers.get('x-should-retry'), 'true');
        assert.equal((await client.organization.workspaces.retrieve(workspace.id)).name, 'SDK outcome 2');
      });

      test('the SDK obeys x-should-retry: false/true', async () => {
        // 409 and 503 are retried by default, but not when the server says x-should-retry: false.
        const client = admin({ maxRetries: 2 });
        const user = (await collect(client.organization.users.list())).find((u) => u.role !== 'admin');
        await injectFault('409:concurrent_membership_change');
        await assert.rejects(client.organization.users.remove(user.id), Anthropic.ConflictError);
        assert.equal(await queuedFaults(), 0);
        assert.equal((await client.organization.users.retrieve(user.id)).id, user.id);

        const name = `SDK once ${version}`;
        await injectFault('503:workspace_created_incomplete');
        await assert.rejects(client.organization.workspaces.create({ name }), Anthropic.ServiceUnavailableError);
        const named = (await collect(client.organization.workspaces.list())).filter((w) => w.name === name);
        assert.equal(named.length, 1, 'the create was not sent again');

        // change_outcome_unknown says "send it again": one retry and the update succeeds.
        await injectFault('503:change_outcome_unknown');
        const updated = await admin({ maxRetries: 1 }).organization.workspaces.update(named[0].id, { name: `${name}!` });
        assert.equal(updated.name, `${name}!`);
        assert.equal(await queuedFaults(), 0);
      });
    });

    describe('errors', () => {
      test('NotFoundError, AuthenticationError, BadRequestError with Anthropic error bodies', async () => {
        const client = admin();
        const missing = await rejection(client.organization.apiKeys.retrieve('apikey_01doesnotexist'));
        assert.ok(missing instanceof Anthropic.NotFoundError);
        assert.equal(missing.status, 404);
        assert.equal(missing.error.type, 'error');
        assert.equal(missing.error.error.type, 'not_found_error');
        assert.match(missing.requestID, /^req_/);
        assert.equal(missing.error.request_id, missing.requestID);
        assert.equal(missing.errorCode, null);

        const wrong = await rejection(
          new Anthropic({ baseURL, apiKey: 'sk-ant-admin01-wrong' }).organization.retrieve(),
        );
        assert.ok(wrong instanceof Anthropic.AuthenticationError);
        assert.equal(wrong.error.error.type, 'authentication_error');

        const bad = await rejection(client.organization.workspaces.create({ name: '' }));
        assert.ok(bad instanceof Anthropic.BadRequestError);
        assert.equal(bad.error.error.type, 'invalid_request_error');
        await assert.rejects(
          client.organization.workspaces.create({ name: 'x'.repeat(41) }),
          Anthropic.BadRequestError,
        );
      });
    });
  });
}
