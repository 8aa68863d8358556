import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';

// Every error code the server can send, read from its sources: specific codes
// (Error::WithApiCode, api_code =, the Anthropic client's MakeError, storage constraint rules) and
// the generic ones of ErrorCode. The emulator plays Anthropic and is left out.
function serverSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'emulator' ? [] : serverSources(p);
    return /\.(cpp|hpp)$/.test(name) && !/_test\.cpp$/.test(name) ? [p] : [];
  });
}

function serverErrorCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [
    /WithApiCode\(\s*"([a-z_]+)"\s*\)/g,
    /api_code = "([a-z_]+)"/g,
    /(?:MakeError|AnthropicError)\(\s*ErrorCode::k\w+,\s*"([a-z_]+)"/g,
    /,\s*"(anthropic_[a-z_]+)"\s*\}/g,
    /ErrorCode::k\w+,\s*"[^"]*",\s*"[a-z_]*",\s*"([a-z_]+)"\s*\}/g,
  ];
  for (const file of serverSources(join(__dirname, '../../../server/src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) codes.add(m[1]);
  }
  // Anthropic's business error codes the client names: "anthropic_" + each of kKnownErrorCodes.
  const client = readFileSync(join(__dirname, '../../../server/src/anthropic/failure.cpp'), 'utf8');
  const known = client.slice(client.indexOf('kKnownErrorCodes[] = {'), client.indexOf('};', client.indexOf('kKnownErrorCodes[] = {')));
  for (const m of known.matchAll(/\{"([a-z_]+)",/g)) codes.add(`anthropic_${m[1]}`);
  const core = readFileSync(join(__dirname, '../../../server/src/core/error.cpp'), 'utf8');
  for (const m of core.matchAll(/return "([a-z_]+)";/g)) codes.add(m[1]);
  return codes;
}

describe('server error codes', () => {
  const codes = serverErrorCodes();

  it('are found in the server sources', () => {
    for (const known of [
      'invalid_request',
      'email_taken',
      'anthropic_timeout',
      'workspace_keys_held',
      'vault_sealed',
      'anthropic_concurrent_membership_change',
    ]) {
      expect(codes.has(known)).toBe(true);
    }
  });

  it('each has a Japanese and an English message', () => {
    const missing = (catalog: { errors: Record<string, unknown> }) => [...codes].filter((c) => !(c in catalog.errors)).sort();
    expect(missing(ja)).toEqual([]);
    expect(missing(en)).toEqual([]);
  });
});

// Every audit action the server writes has a name in both catalogs (the audit log reads like a sentence).
describe('server audit actions', () => {
  const actions = new Set<string>();
  for (const file of serverSources(join(__dirname, '../../../server/src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/MakeAuditEvent\([^,]+,\s*"([a-z_]+\.[a-z_.]+)"/g)) actions.add(m[1]);
    for (const m of text.matchAll(/Audit\("([a-z_]+\.[a-z_.]+)"/g)) actions.add(m[1]);
    for (const m of text.matchAll(/"((?:user|workspace|organization|api_key|prompt)\.[a-z_]+)"/g)) actions.add(m[1]);
  }

  it('are found in the server sources', () => {
    for (const known of ['user.create', 'import.user', 'user.key_unassigned']) expect(actions.has(known)).toBe(true);
  });

  it('each has a Japanese and an English name', () => {
    const key = (a: string) => a.replaceAll('.', '_');
    const missing = (catalog: { audit: { actions: Record<string, string> } }) => [...actions].filter((a) => !(key(a) in catalog.audit.actions)).sort();
    expect(missing(ja)).toEqual([]);
    expect(missing(en)).toEqual([]);
  });
});
