import { describe, expect, it } from 'vitest';
import { centsToDollars, dollarsToCents, formatUsdCents, formatUsdDecimalCents, roundDecimalCents } from './money';

describe('dollarsToCents (exact, no floating point)', () => {
  it.each([
    ['500.25', '50025'],
    ['500', '50000'],
    ['0.5', '50'],
    ['0.05', '5'],
    ['500.2', '50020'],
    ['1,000', '100000'],
    ['$1,234.56', '123456'],
    [' 19.99 ', '1999'],
    ['0', '0'],
    ['99999999999.99', '9999999999999'],
    ['0.07', '7'],
  ])('%s → %s', (dollars, cents) => expect(dollarsToCents(dollars)).toBe(cents));

  it.each(['5.005', 'abc', '', '.5', '5.', '-5', '1e3', '5,00', '12,34.5', '100000000000', '5 00'])('refuses %j', (dollars) =>
    expect(dollarsToCents(dollars)).toBeNull(),
  );

  it('keeps digits a float would lose', () => {
    // 0.1 + 0.2 style errors and values past 2^53 cents stay exact.
    expect(dollarsToCents('1.10')).toBe('110');
    expect(dollarsToCents('90071992547.41')).toBe('9007199254741');
  });
});

describe('formatUsdCents / centsToDollars', () => {
  it('formats cents as US dollars with separators', () => {
    expect(formatUsdCents('50000')).toBe('$500.00');
    expect(formatUsdCents('50025')).toBe('$500.25');
    expect(formatUsdCents('5')).toBe('$0.05');
    expect(formatUsdCents('0')).toBe('$0.00');
    expect(formatUsdCents('123456789')).toBe('$1,234,567.89');
    expect(formatUsdCents('9007199254740993')).toBe('$90,071,992,547,409.93');
  });

  it('gives the dialog an amount to edit', () => {
    expect(centsToDollars('50000')).toBe('500');
    expect(centsToDollars('50025')).toBe('500.25');
    expect(centsToDollars('50')).toBe('0.50');
    expect(dollarsToCents(centsToDollars('50'))).toBe('50');
  });
});

describe("formatUsdDecimalCents (the usage reports' exact decimal cents)", () => {
  it.each([
    ['123456.785', '$1,234.57'],
    ['123456.49999999', '$1,234.56'],
    ['0.004', '$0.00'],
    ['0.005', '$0.00'],
    ['0.5', '$0.01'],
    ['0.49', '$0.00'],
    ['0', '$0.00'],
    ['99.5', '$1.00'],
    ['99999.999999999', '$1,000.00'],
    ['352682.05507', '$3,526.82'],
    ['100', '$1.00'],
    ['00012.5', '$0.13'],
    // Past 2^53 cents, still exact.
    ['9007199254740993.5', '$90,071,992,547,409.94'],
    ['-150', '-$1.50'],
    ['-2.5', '-$0.03'],
    ['-0.004', '$0.00'],
  ])('%s cents → %s', (cents, dollars) => expect(formatUsdDecimalCents(cents)).toBe(dollars));

  it('rounds half up to whole cents by string arithmetic', () => {
    expect(roundDecimalCents('123456.785')).toBe('123457');
    expect(roundDecimalCents('999.5')).toBe('1000');
    expect(roundDecimalCents('999.4999')).toBe('999');
    expect(roundDecimalCents('0.004')).toBe('0');
  });

  it.each(['', 'abc', '1e3', '1.', '.5', '1,000', 'NaN'])('leaves %j as it is', (text) => {
    expect(roundDecimalCents(text)).toBeNull();
    expect(formatUsdDecimalCents(text)).toBe(text);
  });
});
