import { apiRequest } from '@/lib/api-client';
import type { RequestBody, Schema } from '@/lib/api-contract';

// Limits per customer organization: the rate limits and monthly spend limit of the Anthropic
// workspaces linked to an organization, read live from Anthropic (docs/api/openapi.yaml,
// OrganizationLimits).

/**
 * `organizationLimits`: the Anthropic organization's own limits (the ceiling);
 * `spendLimitsUnavailableReason`: an errors.* code, e.g. anthropic_spend_limits_admin_api_writes_not_enabled.
 */
export type OrganizationLimits = Schema<'OrganizationLimits'>;

/** `groupType`: model_group, batch, token_count, files, skills, web_search; `displayName`: "Claude Sonnet" for a model group, else empty. */
export type LimitGroup = Schema<'LimitGroup'>;

/**
 * One limiter type (requests_per_minute, input_tokens_per_minute, …) of a group: `value` is the
 * effective one (the workspace's override, else the organization's), `orgLimit` the ceiling.
 */
export type LimitValue = LimitGroup['limits'][number];

/** `spendLimit` null when spend limits are unavailable; `amountCents` null = no spend limit. */
export type WorkspaceLimits = OrganizationLimits['workspaces'][number];

/** A limit changed in the Console since the portal set it: `scope` a rateLimitId, or "spend" (then the values are cents); `setAt` in Unix ms. */
export type LimitDrift = OrganizationLimits['drift'][number];

export const SPEND_SCOPE = 'spend';

export const organizationLimitsQueryKey = (organizationId: string) => ['organization-limits', organizationId] as const;

const base = (organizationId: string) => `/organizations/${encodeURIComponent(organizationId)}/limits`;

export function getOrganizationLimits(organizationId: string): Promise<OrganizationLimits> {
  return apiRequest(base(organizationId));
}

/** `value` null: clear the override (back to the organization's limit). */
export type RateLimitChange = RequestBody<'setWorkspaceRateLimits'>['limits'][number];

export function setWorkspaceRateLimits(input: {
  organizationId: string;
  workspaceId: string;
  rateLimitId: string;
  limits: RateLimitChange[];
}): Promise<OrganizationLimits> {
  const { organizationId, workspaceId, rateLimitId, limits } = input;
  return apiRequest(`${base(organizationId)}/workspaces/${encodeURIComponent(workspaceId)}/rate-limits/${encodeURIComponent(rateLimitId)}`, {
    method: 'PUT',
    body: { limits } satisfies RequestBody<'setWorkspaceRateLimits'>,
  });
}

/** amountCents: whole US cents as a string ("50000" = $500.00), or null to remove the limit. */
export function setWorkspaceSpendLimit(input: { organizationId: string; workspaceId: string; amountCents: string | null }): Promise<OrganizationLimits> {
  const { organizationId, workspaceId, amountCents } = input;
  return apiRequest(`${base(organizationId)}/workspaces/${encodeURIComponent(workspaceId)}/spend-limit`, {
    method: 'PUT',
    body: { amountCents } satisfies RequestBody<'setWorkspaceSpendLimit'>,
  });
}

/** The ceiling of one limiter type: the value the workspace reports, else the organization's own limit. */
export function ceilingOf(limits: OrganizationLimits, rateLimitId: string, limit: LimitValue): number | null {
  if (limit.orgLimit !== null) return limit.orgLimit;
  const group = limits.organizationLimits.find((g) => g.rateLimitId === rateLimitId);
  return group?.limits.find((l) => l.type === limit.type)?.value ?? null;
}
