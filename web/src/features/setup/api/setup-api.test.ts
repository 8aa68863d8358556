import { describe, expect, it } from 'vitest';
import { IMPORT_BODY_LIMIT, importBodyBytes, importTooLarge, jsonStringBytes } from './setup-api';

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('the import body size (R-X4: refuse over 64 MiB before sending)', () => {
  it.each([
    ['plain ASCII', '{"_id": {"$oid": "a"}, "email": "a@example.jp"}'],
    ['empty', ''],
    ['quotes and backslashes', 'say "hi" \\ bye'],
    ['the short escapes', 'a\nb\r\nc\td\be\ff'],
    ['other control characters', '\u0000\u0001\u001f\u007f'],
    ['two- and three-byte characters', 'é ü 日本語 ｶﾀｶﾅ'],
    ['a BOM', '\uFEFF{"a": 1}'],
    ['a surrogate pair (emoji)', '👍 🇯🇵'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone high surrogate at the end', 'ab\uD800'],
    ['a lone low surrogate', '\uDC00x'],
    ['two high surrogates then a low one', '\uD800\uD83D\uDC4D'],
  ])('jsonStringBytes counts %s exactly as JSON.stringify and UTF-8 do', (_, text) => {
    expect(jsonStringBytes(text)).toBe(utf8(JSON.stringify(text)));
  });

  it('importBodyBytes is the size of the body importLegacyMongo sends (the apply; the dry run is one byte less)', () => {
    const files = {
      'simpleusers.json': '\uFEFF{"_id": {"$oid": "a"}, "name": "田中 太郎"}\r\n{"_id": {"$oid": "b"}}\r\n',
      'prompts.json': '[{"content": "要約して\\n👍"}]',
    };
    expect(importBodyBytes(files)).toBe(utf8(JSON.stringify({ files, dryRun: false })));
    expect(importBodyBytes(files) - 1).toBe(utf8(JSON.stringify({ files, dryRun: true })));
    expect(importBodyBytes({})).toBe(utf8(JSON.stringify({ files: {}, dryRun: false })));
  });

  it('importTooLarge refuses only what is over the server limit of 64 MiB', () => {
    expect(IMPORT_BODY_LIMIT).toBe(67_108_864);
    expect(importTooLarge(0)).toBe(false);
    expect(importTooLarge(IMPORT_BODY_LIMIT)).toBe(false);
    expect(importTooLarge(IMPORT_BODY_LIMIT + 1)).toBe(true);
    expect(importTooLarge(200 * 1024 * 1024)).toBe(true);
    expect(importTooLarge(11, 10)).toBe(true);
  });
});
