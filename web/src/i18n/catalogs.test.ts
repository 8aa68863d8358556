import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';

type Catalog = { [k: string]: string | Catalog };

function flatten(c: Catalog, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const jaKeys = new Set(flatten(ja as Catalog));
const enKeys = new Set(flatten(en as Catalog));

describe('i18n catalogs', () => {
  it('ja and en have the same keys', () => {
    expect([...jaKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !jaKeys.has(k))).toEqual([]);
  });

  it('no message is empty', () => {
    const empty = (c: Catalog) => flatten(c).filter((k) => !k.split('.').reduce<Catalog | string>((o, p) => (o as Catalog)[p], c));
    expect(empty(ja as Catalog)).toEqual([]);
    expect(empty(en as Catalog)).toEqual([]);
  });

  it('every key the source uses exists (t("…") literals, validation.* and errors.* strings)', () => {
    const root = join(__dirname, '..');
    const used = new Set<string>();
    const dynamicPrefixes = new Set<string>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*(['"`])([^'"`]+)\1/g)) {
        const key = m[2];
        if (key.includes('${')) dynamicPrefixes.add(key.slice(0, key.indexOf('${')));
        else used.add(key);
      }
      for (const m of text.matchAll(/['"]((?:validation|errors)\.[A-Za-z_.]+)['"]/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !jaKeys.has(k)).sort()).toEqual([]);
    // A dynamic key (nav.${key}, roles.${role}) needs at least one entry under its prefix.
    expect([...dynamicPrefixes].filter((p) => ![...jaKeys].some((k) => k.startsWith(p)))).toEqual([]);
  });

  it('has every error code of the API contract', () => {
    for (const code of [
      'invalid_request',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'payload_too_large',
      'rate_limited',
      'upstream_unavailable',
      'internal',
    ]) {
      expect(jaKeys.has(`errors.${code}`)).toBe(true);
    }
  });
});
