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

/** An exact decimal amount of cents as the usage reports send it: `"123456.78901"`, `"-5"`, `"0.004"`. */
const DECIMAL_CENTS = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Adds one to a string of decimal digits (`"999"` → `"1000"`). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0 && out[i] === '9') out[i--] = '0';
  if (i < 0) return `1${out.join('')}`;
  out[i] = String(Number(out[i]) + 1);
  return out.join('');
}

/**
 * Whole cents of an exact decimal amount of cents, rounded half up (half away from zero for a
 * negative amount) by string arithmetic: `"123456.785"` → `"123457"`, `"0.004"` → `"0"`,
 * `"0.5"` → `"1"`, `"-2.5"` → `"-3"`; null for anything that is not such a decimal.
 */
export function roundDecimalCents(decimal: string): string | null {
  const m = DECIMAL_CENTS.exec(decimal.trim());
  if (!m) return null;
  const fraction = m[3] ?? '';
  let whole = m[2].replace(/^0+(?=\d)/, '');
  if (fraction !== '' && fraction[0] >= '5') whole = incrementDigits(whole);
  return m[1] && whole !== '0' ? `-${whole}` : whole;
}

/**
 * An exact decimal amount of cents as US dollars rounded to the cent: `"123456.785"` →
 * `"$1,234.57"`, `"0.004"` → `"$0.00"`, `"-150"` → `"-$1.50"`. Anything else is shown as it came.
 */
export function formatUsdDecimalCents(decimal: string): string {
  const cents = roundDecimalCents(decimal);
  if (cents === null) return decimal;
  return cents.startsWith('-') ? `-${formatUsdCents(cents.slice(1))}` : formatUsdCents(cents);
}
