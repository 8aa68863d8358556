import { apiDownload, apiRequest, type Download } from '@/lib/api-client';
import type { AssertAssignable, AssertSends, QueryParams, ResponseBody, Schema } from '@/lib/api-contract';

// Usage and cost per organization, user, key, workspace or model, from the portal's own copy of
// Anthropic's daily usage (docs/api/openapi.yaml, UsageReport). Costs are exact decimal strings
// of US cents ("123456.78901"): never added up or shown through floating point.

export type GroupBy = NonNullable<QueryParams<'getUsage'>['groupBy']>;
export const GROUP_BYS = ['organization', 'user', 'apiKey', 'workspace', 'model'] as const satisfies readonly GroupBy[];

/** `inputTokens`: the three kinds together; `costCents`: an exact decimal string of US cents, up to 9 fractional digits. */
export type UsageTotals = Schema<'UsageTotals'>;

/**
 * `groups` by cost, descending. The server answers the `groupBy` it was asked for; the document
 * types the field as any string, hence the override.
 */
export type UsageReport = Omit<Schema<'UsageReport'>, 'groupBy'> & { groupBy: GroupBy };

/**
 * `key`: an id or a model, null for no organization / nobody held the key / no key; `label`: a name
 * for people ("" when there is none); `days`: only the days with usage.
 */
export type UsageGroup = UsageReport['groups'][number];

export type UsageDay = UsageGroup['days'][number];

/**
 * A collection run. `source` analytics: per user and key; reports: cost per workspace and model
 * only; "": not known yet. `startedAt` and `finishedAt` are Unix milliseconds.
 */
export type UsageRun = Schema<'UsageRun'>;

export interface UsageQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
}

export const usageQueryKey = ['usage'] as const;
export const latestUsageRunQueryKey = ['usage-runs', 'latest'] as const;

export function getUsage(query: UsageQuery): Promise<UsageReport> {
  return apiRequest('/usage', { query: { ...query } });
}

/** The same report as CSV (one line per group and day, then a `total` line). */
export function downloadUsageCsv(query: UsageQuery): Promise<Download> {
  return apiDownload('/usage', { query: { ...query, format: 'csv' }, accept: 'text/csv' });
}

/** Starts the collector (SuperAdmin, Admin); answers the run (an already running one's). */
export function collectUsage(): Promise<ResponseBody<'collectUsage'>> {
  return apiRequest('/usage/collect', { method: 'POST' });
}

/** The running collection with its progress, else the latest one; null before the first. */
export function getLatestUsageRun(): Promise<ResponseBody<'getLatestUsageRun'>> {
  return apiRequest('/usage/runs/latest');
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type UsageApiContract = [AssertAssignable<(typeof GROUP_BYS)[number], GroupBy>, AssertSends<QueryParams<'getUsage'>, UsageQuery & { format?: 'csv' }>];
