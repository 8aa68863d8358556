import { describe, expect, it } from 'vitest';
import { addDays, dayCount, daysBetween, firstOfMonth, isDay, previousMonth, samePeriodPreviousMonth, todayUtc } from './dates';

describe('calendar days (UTC, YYYY-MM-DD)', () => {
  it('knows a real day', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-13-01')).toBe(false);
    expect(isDay('2025-3-1')).toBe(false);
    expect(isDay('')).toBe(false);
  });

  it("takes today in UTC, not in the browser's zone", () => {
    expect(todayUtc(new Date('2025-03-31T23:30:00Z'))).toBe('2025-03-31');
    expect(todayUtc(new Date('2025-03-31T23:30:00-02:00'))).toBe('2025-04-01');
  });

  it('adds days across months and years', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-24', -89)).toBe('2024-12-25');
    expect(() => addDays('nope', 1)).toThrow();
  });

  it('finds months', () => {
    expect(firstOfMonth('2025-03-24')).toBe('2025-03-01');
    expect(previousMonth('2025-03-24')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(previousMonth('2025-01-05')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(samePeriodPreviousMonth('2025-03-24')).toEqual({ from: '2025-02-01', to: '2025-02-24' });
    expect(samePeriodPreviousMonth('2025-03-31')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(samePeriodPreviousMonth('2025-01-31')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
  });

  it('lists and counts days, both ends included', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    expect(daysBetween('2025-03-02', '2025-03-01')).toEqual([]);
    expect(dayCount('2025-03-01', '2025-03-24')).toBe(24);
    expect(dayCount('2025-01-01', '2025-12-31')).toBe(365);
  });
});
