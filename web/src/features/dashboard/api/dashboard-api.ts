import { apiRequest } from '@/lib/api-client';
import type { Role } from '@/lib/auth-store';

export interface DashboardOrganization {
  id: string;
  name: string;
  memberCount: number;
  workspaceCount: number;
  /** Archived workspaces are not in workspaceCount (nor in the workspace list). */
  archivedWorkspaceCount: number;
  apiKeyCount: number;
}

export interface DashboardSync {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  workspaces: number;
  apiKeys: number;
  vanished: number;
  error: string | null;
}

/** R-X3: a user whose key was disabled, archived or deleted in the Console. */
export interface DriftAlert {
  type: 'key_drift' | string;
  user: { id: string; name: string; email: string };
  organizationId: string | null;
  apiKey: { id: string; name: string; hint: string; status: string } | null;
}

export interface Dashboard {
  user: { name: string; email: string; role: Role };
  organizations: DashboardOrganization[];
  counts: { organizations: number; users: number; workspaces: number; apiKeys: number };
  lastSync: DashboardSync | null;
  alerts: DriftAlert[];
  /** Organizations whose limits were changed in the Console since the portal set them. */
  limitAlerts: LimitDriftAlert[];
}

export interface LimitDriftAlert {
  organizationId: string;
  organizationName: string;
  /** How many limits differ. */
  changes: number;
}

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
  const report = await apiRequest<{ groups: OrganizationCost[] }>('/usage', { query: { groupBy: 'organization', from, to } });
  return report.groups;
}
