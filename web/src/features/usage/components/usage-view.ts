// What the usage page shows, as kept in the URL (`?groupBy=user&range=last30`, `range=custom&from=…&to=…`,
// `metric=tokens`), so that a reload or a shared link shows the same view.
import type { Role } from '@/lib/auth-store';
import { addDays, dayCount, firstOfMonth, isDay, previousMonth } from '@/lib/dates';
import { GROUP_BYS, type GroupBy } from '../api/usage-api';

export const RANGE_PRESETS = ['thisMonth', 'lastMonth', 'last30', 'last90', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type Metric = 'cost' | 'tokens';

/** The server answers at most 366 days at once. */
export const MAX_RANGE_DAYS = 366;

export interface UsageView {
  groupBy: GroupBy;
  range: RangePreset;
  from: string;
  to: string;
  metric: Metric;
  /** Why a custom range cannot be asked for (an i18n key), else null. */
  rangeError: string | null;
}

/** The groupings a role may choose: a User sees only their own usage, so neither 組織 nor ユーザー. */
export function groupingsFor(role: Role): GroupBy[] {
  return role === 'User' ? ['apiKey', 'workspace', 'model'] : [...GROUP_BYS];
}

/** What a role sees first: everything by organization; an Admin their people; a User their models. */
export function defaultGroupBy(role: Role): GroupBy {
  return role === 'SuperAdmin' ? 'organization' : role === 'Admin' ? 'user' : 'model';
}

/** The days of a preset, counted back from `today` (UTC, both ends included). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth':
      return previousMonth(today);
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
  }
}

/** Why `from`…`to` cannot be asked for (an i18n key), or null. */
export function customRangeError(from: string, to: string): string | null {
  if (!isDay(from) || !isDay(to)) return 'usage.range.invalid';
  if (to < from) return 'usage.range.reversed';
  if (dayCount(from, to) > MAX_RANGE_DAYS) return 'usage.range.tooLong';
  return null;
}

export function readView(params: URLSearchParams, role: Role, today: string): UsageView {
  const allowed = groupingsFor(role);
  const asked = params.get('groupBy') as GroupBy | null;
  const groupBy = asked && allowed.includes(asked) ? asked : defaultGroupBy(role);
  const rangeParam = params.get('range') as RangePreset | null;
  const range: RangePreset = rangeParam && RANGE_PRESETS.includes(rangeParam) ? rangeParam : 'thisMonth';
  const metric: Metric = params.get('metric') === 'tokens' ? 'tokens' : 'cost';
  if (range === 'custom') {
    const fallback = presetRange('thisMonth', today);
    const from = params.get('from') ?? fallback.from;
    const to = params.get('to') ?? fallback.to;
    return { groupBy, range, from, to, metric, rangeError: customRangeError(from, to) };
  }
  return { groupBy, range, ...presetRange(range, today), metric, rangeError: null };
}

/**
 * The URL of a changed view: the defaults stay out of it (`/usage` is this month by the role's
 * grouping, in dollars), and only a custom range carries its days.
 */
export function writeView(view: Pick<UsageView, 'groupBy' | 'range' | 'from' | 'to' | 'metric'>, role: Role, previous: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(previous);
  const set = (name: string, value: string | null) => (value === null ? next.delete(name) : next.set(name, value));
  set('groupBy', view.groupBy === defaultGroupBy(role) ? null : view.groupBy);
  set('range', view.range === 'thisMonth' ? null : view.range);
  set('from', view.range === 'custom' ? view.from : null);
  set('to', view.range === 'custom' ? view.to : null);
  set('metric', view.metric === 'cost' ? null : view.metric);
  return next;
}
