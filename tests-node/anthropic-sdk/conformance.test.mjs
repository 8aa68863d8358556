// Conformance: the official TypeScript SDK (@anthropic-ai/sdk, unmodified: only baseURL and
// apiKey/authToken are set, no header overrides) against `portal emulator`.
//
//   PORTAL_BIN=/path/to/build/bin/portal node --test --test-concurrency=1 conformance.test.mjs
//
// The SDK sends `Authorization: Bearer <key>` and `anthropic-version: 2026-10-21`, unlike the
// documented curl examples (x-api-key, 2023-06-01); the emulator must accept both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Anthropic from '@anthropic-ai/sdk';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORTAL_BIN = process.env.PORTAL_BIN ?? path.resolve(here, '../../build/bin/portal');
const ADMIN_KEY = 'sk-ant-admin01-conformance-test-key';
const KEY_COUNT = 25; // more than one default page (20)

let emulator;
let baseURL;
let tmp;
let dumpedKeys;

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

function startEmulator(port) {
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

function admin() {
  return new Anthropic({ baseURL, apiKey: ADMIN_KEY });
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

before(async () => {
  assert.ok(existsSync(PORTAL_BIN), `PORTAL_BIN not found: ${PORTAL_BIN} (build the portal target first)`);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'portal-sdk-'));
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  emulator = await startEmulator(port);
  dumpedKeys = JSON.parse(readFileSync(path.join(tmp, 'keys.json'), 'utf8'));
});

after(async () => {
  if (emulator && emulator.exitCode === null) {
    emulator.removeAllListeners('exit');
    const exited = new Promise((resolve) => emulator.once('exit', resolve));
    emulator.kill('SIGTERM');
    await exited;
  }
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
  test('list auto-paginates over every key', async () => {
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

    for (const key of all) {
      assert.equal(key.type, 'api_key');
      assert.match(key.id, /^apikey_01[1-9A-HJ-NP-Za-km-z]{22}$/);
      assert.match(key.partial_key_hint, /^sk-ant-api03-.{3}\.\.\..{2}AA$/);
      assert.ok(['active', 'inactive', 'archived'].includes(key.status));
      assert.ok(key.workspace_id === null || key.workspace_id.startsWith('wrkspc_'));
      assert.equal(key.created_by.type, 'user');
      assert.ok(!('value' in key));
    }
    assert.ok(all.some((k) => k.workspace_id === null), 'some keys live in the Default Workspace');
    assert.ok(all.some((k) => k.status === 'inactive'));
    assert.ok(all.some((k) => k.status === 'archived'));

    const inactive = await collect(client.organization.apiKeys.list({ status: 'inactive' }));
    assert.ok(inactive.length > 0 && inactive.every((k) => k.status === 'inactive'));
  });

  test('retrieve and update (inactive is reversible, archived is final)', async () => {
    const client = admin();
    const active = dumpedKeys.find((k) => k.status === 'active');
    const key = await client.organization.apiKeys.retrieve(active.id);
    assert.equal(key.id, active.id);
    assert.equal(key.partial_key_hint, `${active.value.slice(0, 16)}...${active.value.slice(-4)}`);

    const off = await client.organization.apiKeys.update(active.id, { status: 'inactive', name: 'SDK renamed' });
    assert.equal(off.status, 'inactive');
    assert.equal(off.name, 'SDK renamed');
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
    await assert.rejects(new Anthropic({ baseURL, apiKey: inactive.value }).models.list(), Anthropic.AuthenticationError);
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

  test('invites: create, retrieve, list, delete', async () => {
    const client = admin();
    const invite = await client.organization.invites.create({ email: 'sdk.invitee@example.org', role: 'developer' });
    assert.equal(invite.type, 'invite');
    assert.equal(invite.status, 'pending');
    assert.equal(Date.parse(invite.expires_at) - Date.parse(invite.invited_at), 21 * 24 * 3600 * 1000);
    assert.equal((await client.organization.invites.retrieve(invite.id)).email, 'sdk.invitee@example.org');
    const listed = await collect(client.organization.invites.list());
    assert.ok(listed.some((i) => i.id === invite.id));

    // The SDK maps error.details.error_code to its specific classes.
    const duplicate = await client.organization.invites
      .create({ email: 'sdk.invitee@example.org', role: 'user' })
      .catch((e) => e);
    assert.ok(duplicate instanceof Anthropic.BadRequestError);
    assert.equal(duplicate.errorCode, 'invite_already_exists');

    const deleted = await client.organization.invites.delete(invite.id);
    assert.deepEqual(deleted, { id: invite.id, type: 'invite_deleted' });
    const after = await collect(client.organization.invites.list());
    assert.ok(!after.some((i) => i.id === invite.id));
  });
});

describe('errors', () => {
  test('NotFoundError, AuthenticationError, BadRequestError with Anthropic error bodies', async () => {
    const client = admin();
    const missing = await client.organization.apiKeys.retrieve('apikey_01doesnotexist').catch((e) => e);
    assert.ok(missing instanceof Anthropic.NotFoundError);
    assert.equal(missing.status, 404);
    assert.equal(missing.error.type, 'error');
    assert.equal(missing.error.error.type, 'not_found_error');
    assert.match(missing.requestID, /^req_/);
    assert.equal(missing.error.request_id, missing.requestID);

    const wrong = await new Anthropic({ baseURL, apiKey: 'sk-ant-admin01-wrong' }).organization
      .retrieve()
      .catch((e) => e);
    assert.ok(wrong instanceof Anthropic.AuthenticationError);
    assert.equal(wrong.error.error.type, 'authentication_error');

    const bad = await client.organization.workspaces.create({ name: '' }).catch((e) => e);
    assert.ok(bad instanceof Anthropic.BadRequestError);
    assert.equal(bad.error.error.type, 'invalid_request_error');
    await assert.rejects(
      client.organization.workspaces.create({ name: 'x'.repeat(41) }),
      Anthropic.BadRequestError,
    );
  });
});
