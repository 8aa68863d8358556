// Calendar days as the API speaks them: `YYYY-MM-DD` strings in UTC (the usage reports count
// days in UTC). No time zones, no clocks except todayUtc().

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function toUtcMs(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Refuses 2025-02-30 and friends (Date.UTC would roll them over).
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : null;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  return toUtcMs(value) !== null;
}

/** Today in UTC, `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `addDays('2025-03-01', -1)` → `'2025-02-28'`. */
export function addDays(day: string, n: number): string {
  const ms = toUtcMs(day);
  if (ms === null) throw new Error(`not a day: ${day}`);
  return fromUtcMs(ms + n * MS_PER_DAY);
}

/** The first day of the day's month. */
export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The previous month of the day: its first and its last day. */
export function previousMonth(day: string): { from: string; to: string } {
  const to = addDays(firstOfMonth(day), -1);
  return { from: firstOfMonth(to), to };
}

/**
 * The same part of the previous month: from its first day to the same day of the month (or its
 * last day, when it is shorter). `2025-03-31` → `2025-02-01`…`2025-02-28`.
 */
export function samePeriodPreviousMonth(day: string): { from: string; to: string } {
  const last = previousMonth(day);
  const sameDay = `${last.from.slice(0, 8)}${day.slice(8)}`;
  return { from: last.from, to: isDay(sameDay) && sameDay < last.to ? sameDay : last.to };
}

/** Days from `from` to `to`, both included (`from` > `to` gives none). */
export function daysBetween(from: string, to: string): string[] {
  const a = toUtcMs(from);
  const b = toUtcMs(to);
  if (a === null || b === null) return [];
  const out: string[] = [];
  for (let ms = a; ms <= b; ms += MS_PER_DAY) out.push(fromUtcMs(ms));
  return out;
}

/** How many days `from`…`to` spans, both included. */
export function dayCount(from: string, to: string): number {
  const a = toUtcMs(from);
  const b = toUtcMs(to);
  return a === null || b === null ? 0 : Math.round((b - a) / MS_PER_DAY) + 1;
}
