import { apiRequest } from '@/lib/api-client';
import type { AssertReads, QueryParams, Schema } from '@/lib/api-contract';

type DashboardSchema = Schema<'Dashboard'>;
type DriftAlertSchema = DashboardSchema['alerts'][number];

/** Archived workspaces are not in `workspaceCount` (nor in the workspace list). */
export type DashboardOrganization = DashboardSchema['organizations'][number];

/**
 * The latest sync run. The server always sends every field; docs/api/openapi.yaml lists none of
 * Dashboard.lastSync's as required, hence Required<>.
 */
export type DashboardSync = Required<NonNullable<DashboardSchema['lastSync']>>;

/**
 * R-X3: a user whose key was disabled, archived or deleted in the Console. The server always sends
 * the user's id, name and email; the document lists none of them as required, hence Required<>.
 */
export type DriftAlert = Omit<DriftAlertSchema, 'user'> & { user: Required<DriftAlertSchema['user']> };

/** An organization whose limits were changed in the Console since the portal set them; `changes`: how many differ. */
export type LimitDriftAlert = DashboardSchema['limitAlerts'][number];

export type Dashboard = Omit<DashboardSchema, 'lastSync' | 'alerts'> & { lastSync: DashboardSync | null; alerts: DriftAlert[] };

export const dashboardQueryKey = ['dashboard'] as const;

export function getDashboard(): Promise<Dashboard> {
  return apiRequest('/dashboard');
}

/** One organization's cost over a range (GET /usage?groupBy=organization), in exact decimal cents. */
export interface OrganizationCost {
  /** The organization's id; null: usage of no organization. */
  key: string | null;
  totals: { costCents: string };
  /** Only the days with usage. */
  days: { day: string; costCents: string }[];
}

export const organizationCostsQueryKey = (from: string, to: string) => ['dashboard', 'usage', from, to] as const;

/** Cost per organization from `from` to `to` (UTC days, both included); the server scopes it by role. */
export async function getOrganizationCosts(from: string, to: string): Promise<OrganizationCost[]> {
  const report = await apiRequest<{ groups: OrganizationCost[] }>('/usage', {
    query: { groupBy: 'organization', from, to } satisfies QueryParams<'getUsage'>,
  });
  return report.groups;
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type DashboardApiContract = [AssertReads<OrganizationCost, Schema<'UsageReport'>['groups'][number]>];
