// The server's rendering rules (domain/prompt.cpp), for the editor's live preview only: the
// server stays the authority (POST /prompts/{id}/render).

const PLACEHOLDER = /\{\{ *([^\s{}]{1,128}?) *\}\}/g;
const NAME = /^[A-Za-z0-9_.\-\u0080-\uFFFF]+$/;

export interface TemplatePart {
  text: string;
  /** Set for a placeholder: its name, and whether a value filled it. */
  variable?: string;
  filled?: boolean;
}

export function templateVariables(content: string): string[] {
  const names: string[] = [];
  for (const m of content.matchAll(PLACEHOLDER)) {
    if (NAME.test(m[1]) && !names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

/** The content split into text and placeholders, filled from `values` where one is given. */
export function renderTemplate(content: string, values: Record<string, string>): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of content.matchAll(PLACEHOLDER)) {
    if (!NAME.test(m[1])) continue;
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: content.slice(last, at) });
    const value = values[m[1]];
    const filled = value !== undefined && value !== '';
    parts.push({ text: filled ? value : m[0], variable: m[1], filled });
    last = at + m[0].length;
  }
  if (last < content.length) parts.push({ text: content.slice(last) });
  return parts;
}

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** A line diff (longest common subsequence); prompts are short enough for O(n·m). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ kind: 'removed', text: a[i++] });
    } else {
      out.push({ kind: 'added', text: b[j++] });
    }
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) out.push({ kind: 'added', text: b[j++] });
  return out;
}
