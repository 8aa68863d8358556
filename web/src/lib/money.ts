// Money as exact strings: US cents travel as decimal digits ("50025" = $500.25), never as floats.

/** Dollars as typed (`500`, `500.25`, `1,000`, `$0.5`): at most two decimals, commas only between thousands. */
const DOLLARS = /^\$?\s*(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;
/** What the server stores: 13 digits of cents at most (up to $99,999,999,999.99). */
const MAX_CENTS_DIGITS = 13;

/** `"500.25"` → `"50025"`, `"0.5"` → `"50"`; null for anything else (`"5.005"`, `"abc"`, `""`, too large). */
export function dollarsToCents(input: string): string | null {
  const m = DOLLARS.exec(input.trim());
  if (!m) return null;
  const whole = m[1].replace(/,/g, '');
  const cents = `${whole}${(m[2] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  return cents.length > MAX_CENTS_DIGITS ? null : cents;
}

/** `"50025"` → `"500.25"`, `"50000"` → `"500"` (how a dialog shows an amount for editing). */
export function centsToDollars(cents: string): string {
  if (!/^\d+$/.test(cents)) return cents;
  const padded = cents.replace(/^0+(?=\d)/, '').padStart(3, '0');
  const whole = padded.slice(0, -2);
  const fraction = padded.slice(-2);
  return fraction === '00' ? whole : `${whole}.${fraction}`;
}

/** `"50000"` → `"$500.00"`, `"123456789"` → `"$1,234,567.89"`: US dollars whatever the language. */
export function formatUsdCents(cents: string): string {
  if (!/^\d+$/.test(cents)) return cents;
  const padded = cents.replace(/^0+(?=\d)/, '').padStart(3, '0');
  const whole = padded.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${whole}.${padded.slice(-2)}`;
}
