import { describe, expect, it } from 'vitest';
import { formatBytes, formatDay, formatLongDate, hasHonorific } from './format';

describe('hasHonorific', () => {
  it.each([
    ['田中さん', true],
    ['山田様', true],
    ['  佐藤さん  ', true],
    ['田中', false],
    ['Sato', false],
    ['さんすけ', false],
  ])('%s → %s', (name, expected) => {
    expect(hasHonorific(name)).toBe(expected);
  });
});

describe('formatLongDate', () => {
  const date = new Date(2025, 2, 24, 12, 0, 0);
  it('writes Japanese dates as 2025年3月24日', () => {
    expect(formatLongDate(date, 'ja')).toBe('2025年3月24日');
  });
  it('writes English dates as March 24, 2025', () => {
    expect(formatLongDate(date, 'en')).toBe('March 24, 2025');
  });
  it('returns an empty string for an invalid date', () => {
    expect(formatLongDate('not a date', 'ja')).toBe('');
  });
});

describe("formatDay (UTC calendar days, whatever the browser's time zone)", () => {
  it('writes a day in either language', () => {
    expect(formatDay('2025-03-01', 'ja')).toBe('2025年3月1日');
    expect(formatDay('2025-12-31', 'en')).toBe('December 31, 2025');
  });
  it('shows anything else as it came', () => {
    expect(formatDay('not a day', 'ja')).toBe('not a day');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [64 * 1024 * 1024, '64.0 MiB'],
    [70.25 * 1024 * 1024, '70.3 MiB'],
    [3 * 1024 ** 3, '3.0 GiB'],
  ])('%d bytes → %s', (bytes, expected) => {
    expect(formatBytes(bytes, 'ja')).toBe(expected);
    expect(formatBytes(bytes, 'en')).toBe(expected);
  });
});
