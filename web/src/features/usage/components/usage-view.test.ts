import { describe, expect, it } from 'vitest';
import { customRangeError, defaultGroupBy, groupingsFor, presetRange, readView, writeView } from './usage-view';

const TODAY = '2025-03-24';

describe('the usage view in the URL', () => {
  it('presets count back from today (UTC), both ends included', () => {
    expect(presetRange('thisMonth', TODAY)).toEqual({ from: '2025-03-01', to: '2025-03-24' });
    expect(presetRange('lastMonth', TODAY)).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(presetRange('last30', TODAY)).toEqual({ from: '2025-02-23', to: '2025-03-24' });
    expect(presetRange('last90', TODAY)).toEqual({ from: '2024-12-25', to: '2025-03-24' });
    // Across a year and a leap day.
    expect(presetRange('lastMonth', '2025-01-10')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(presetRange('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('thisMonth', '2025-03-01')).toEqual({ from: '2025-03-01', to: '2025-03-01' });
  });

  it("defaults: this month, dollars, the role's grouping", () => {
    expect(readView(new URLSearchParams(), 'SuperAdmin', TODAY)).toEqual({
      groupBy: 'organization',
      range: 'thisMonth',
      from: '2025-03-01',
      to: TODAY,
      metric: 'cost',
      rangeError: null,
    });
    expect(defaultGroupBy('Admin')).toBe('user');
    expect(defaultGroupBy('User')).toBe('model');
  });

  it('a User may not group by organization or user', () => {
    expect(groupingsFor('User')).toEqual(['apiKey', 'workspace', 'model']);
    expect(groupingsFor('Admin')).toEqual(['organization', 'user', 'apiKey', 'workspace', 'model']);
    expect(readView(new URLSearchParams('groupBy=user'), 'User', TODAY).groupBy).toBe('model');
    expect(readView(new URLSearchParams('groupBy=bogus'), 'SuperAdmin', TODAY).groupBy).toBe('organization');
  });

  it('reads a custom range and says what is wrong with it', () => {
    const view = readView(new URLSearchParams('range=custom&from=2025-01-01&to=2025-01-31&metric=tokens&groupBy=apiKey'), 'Admin', TODAY);
    expect(view).toMatchObject({ groupBy: 'apiKey', range: 'custom', from: '2025-01-01', to: '2025-01-31', metric: 'tokens', rangeError: null });
    expect(customRangeError('2025-01-31', '2025-01-01')).toBe('usage.range.reversed');
    expect(customRangeError('2025-02-30', '2025-03-01')).toBe('usage.range.invalid');
    expect(customRangeError('', '2025-03-01')).toBe('usage.range.invalid');
    expect(customRangeError('2024-01-01', '2024-12-31')).toBeNull(); // 366 days (leap year)
    expect(customRangeError('2024-01-01', '2025-01-01')).toBe('usage.range.tooLong');
    // A preset ignores stray days.
    expect(readView(new URLSearchParams('range=last30&from=2020-01-01'), 'Admin', TODAY)).toMatchObject({ from: '2025-02-23', to: TODAY });
  });

  it('writes only what differs from the defaults, and keeps other parameters', () => {
    const base = { groupBy: 'organization', range: 'thisMonth', from: '2025-03-01', to: TODAY, metric: 'cost' } as const;
    expect(writeView(base, 'SuperAdmin', new URLSearchParams()).toString()).toBe('');
    expect(writeView({ ...base, groupBy: 'model', range: 'last90', metric: 'tokens' }, 'SuperAdmin', new URLSearchParams('x=1')).toString()).toBe(
      'x=1&groupBy=model&range=last90&metric=tokens',
    );
    expect(writeView({ ...base, range: 'custom', from: '2025-01-01', to: '2025-01-31' }, 'SuperAdmin', new URLSearchParams()).toString()).toBe(
      'range=custom&from=2025-01-01&to=2025-01-31',
    );
    expect(writeView({ ...base, groupBy: 'organization' }, 'Admin', new URLSearchParams()).toString()).toBe('groupBy=organization');
  });
});
