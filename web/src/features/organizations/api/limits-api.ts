import { apiRequest } from '@/lib/api-client';

// Limits per customer organization: the rate limits and monthly spend limit of the Anthropic
// workspaces linked to an organization, read live from Anthropic (docs/api/openapi.yaml,
// OrganizationLimits).

export interface LimitValue {
  /** requests_per_minute, input_tokens_per_minute, output_tokens_per_minute, tool_uses_per_second, … */
  type: string;
  /** The effective value: the workspace's override, else the organization's. */
  value: number;
  /** The Anthropic organization's own limit of this type: the ceiling. */
  orgLimit: number | null;
  /** Set on the workspace (else inherited from the organization). */
  overridden: boolean;
}

export interface LimitGroup {
  rateLimitId: string;
  /** model_group, batch, token_count, files, skills, web_search */
  groupType: string;
  /** "Claude Sonnet" for a model group, else empty. */
  displayName: string;
  models: string[];
  limits: LimitValue[];
}

export interface WorkspaceLimits {
  id: string;
  name: string;
  groups: LimitGroup[];
  /** null when spend limits are unavailable; amountCents null = no spend limit. */
  spendLimit: { id: string | null; amountCents: string | null } | null;
}

export interface LimitDrift {
  workspaceId: string;
  /** A rateLimitId, or "spend" (then the values are cents). */
  scope: string;
  type: string;
  /** What the portal set (null: cleared). */
  expected: number | null;
  /** What Anthropic has now (null: none). */
  actual: number | null;
  /** Unix milliseconds. */
  setAt: number;
}

export interface OrganizationLimits {
  organizationId: string;
  spendLimitsAvailable: boolean;
  /** An errors.* code, e.g. anthropic_spend_limits_admin_api_writes_not_enabled. */
  spendLimitsUnavailableReason: string | null;
  /** The Anthropic organization's own limits (the ceiling). */
  organizationLimits: LimitGroup[];
  workspaces: WorkspaceLimits[];
  drift: LimitDrift[];
}

export const SPEND_SCOPE = 'spend';

export const organizationLimitsQueryKey = (organizationId: string) => ['organization-limits', organizationId] as const;

const base = (organizationId: string) => `/organizations/${encodeURIComponent(organizationId)}/limits`;

export function getOrganizationLimits(organizationId: string): Promise<OrganizationLimits> {
  return apiRequest(base(organizationId));
}

export interface RateLimitChange {
  type: string;
  /** null: clear the override (back to the organization's limit). */
  value: number | null;
}

export function setWorkspaceRateLimits(input: {
  organizationId: string;
  workspaceId: string;
  rateLimitId: string;
  limits: RateLimitChange[];
}): Promise<OrganizationLimits> {
  const { organizationId, workspaceId, rateLimitId, limits } = input;
  return apiRequest(`${base(organizationId)}/workspaces/${encodeURIComponent(workspaceId)}/rate-limits/${encodeURIComponent(rateLimitId)}`, {
    method: 'PUT',
    body: { limits },
  });
}

/** amountCents: whole US cents as a string ("50000" = $500.00), or null to remove the limit. */
export function setWorkspaceSpendLimit(input: { organizationId: string; workspaceId: string; amountCents: string | null }): Promise<OrganizationLimits> {
  const { organizationId, workspaceId, amountCents } = input;
  return apiRequest(`${base(organizationId)}/workspaces/${encodeURIComponent(workspaceId)}/spend-limit`, {
    method: 'PUT',
    body: { amountCents },
  });
}

/** The ceiling of one limiter type: the value the workspace reports, else the organization's own limit. */
export function ceilingOf(limits: OrganizationLimits, rateLimitId: string, limit: LimitValue): number | null {
  if (limit.orgLimit !== null) return limit.orgLimit;
  const group = limits.organizationLimits.find((g) => g.rateLimitId === rateLimitId);
  return group?.limits.find((l) => l.type === limit.type)?.value ?? null;
}
