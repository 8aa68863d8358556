// Formatting rules shared by every screen.

const HONORIFIC_SUFFIXES = ['さん', '様', 'さま', '殿'];

/** True when a Japanese name already carries an honorific, so that we never print さんさん (R-D2). */
export function hasHonorific(name: string): boolean {
  const n = name.trim();
  return HONORIFIC_SUFFIXES.some((s) => n.endsWith(s));
}

/** `2025年3月24日` in Japanese, `March 24, 2025` in English. */
export function formatLongDate(date: Date | string, lang: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d);
}

/** `2025年3月24日 14:05` / `March 24, 2025, 2:05 PM`; empty for null. */
export function formatDateTime(date: Date | string | null | undefined, lang: string): string {
  if (!date) return '';
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** `1,234` in either language (counts, totals). */
export function formatCount(n: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP').format(n);
}

/**
 * A calendar day (`YYYY-MM-DD`, UTC as the API counts days) without shifting it into the
 * browser's time zone: `2025年3月24日` / `March 24, 2025`.
 */
export function formatDay(day: string, lang: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

/** A size in bytes, in binary units with one decimal: `512 B`, `12.3 KiB`, `64.0 MiB`, `1.5 GiB`. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['KiB', 'MiB', 'GiB'];
  if (bytes < 1024) return `${formatCount(bytes, lang)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  return `${number} ${units[unit]}`;
}
