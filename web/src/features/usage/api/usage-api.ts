import { apiDownload, apiRequest, type Download } from '@/lib/api-client';

// Usage and cost per organization, user, key, workspace or model, from the portal's own copy of
// Anthropic's daily usage (docs/api/openapi.yaml, UsageReport). Costs are exact decimal strings
// of US cents ("123456.78901"): never added up or shown through floating point.

export const GROUP_BYS = ['organization', 'user', 'apiKey', 'workspace', 'model'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface UsageTotals {
  uncachedInputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  /** The three kinds of input tokens together. */
  inputTokens: number;
  outputTokens: number;
  requests: number;
  /** Exact decimal string of US cents, up to 9 fractional digits. */
  costCents: string;
}

export interface UsageDay extends UsageTotals {
  day: string;
}

export interface UsageGroup {
  /** An id or a model; null: no organization / nobody held the key / no key. */
  key: string | null;
  /** A name for people ("" when there is none). */
  label: string;
  totals: UsageTotals;
  /** Only the days with usage. */
  days: UsageDay[];
}

export interface UsageRun {
  id: string;
  trigger: 'manual' | 'sync' | string;
  status: 'running' | 'succeeded' | 'failed';
  /** analytics: per user and key; reports: cost per workspace and model only; "": not known yet. */
  source: 'analytics' | 'reports' | '';
  from: string;
  to: string;
  daysTotal: number;
  daysDone: number;
  rowsWritten: number;
  /** Unix milliseconds. */
  startedAt: number;
  finishedAt: number | null;
  error: string;
}

export interface UsageReport {
  from: string;
  to: string;
  groupBy: GroupBy;
  currency: 'USD';
  totals: UsageTotals;
  /** By cost, descending. */
  groups: UsageGroup[];
  latestRun: UsageRun | null;
}

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
export function collectUsage(): Promise<{ runId: string }> {
  return apiRequest('/usage/collect', { method: 'POST' });
}

/** The running collection with its progress, else the latest one; null before the first. */
export function getLatestUsageRun(): Promise<UsageRun | null> {
  return apiRequest('/usage/runs/latest');
}
