import { apiRequest } from '@/lib/api-client';
import type { AssertSends, QueryParams, Schema } from '@/lib/api-contract';
import type { ListResponse, PageParams } from '@/lib/types';

/**
 * `actorId` is null for an Admin when the actor is outside their organization (the name stays);
 * `detailNames` gives the current name of each object a detail names by id; `hiddenDetails`, for an
 * Admin, the details that named an object outside their organization (their value is null).
 */
export type AuditEvent = Schema<'AuditEvent'>;

export interface AuditFilters {
  organizationId?: string;
  actorId?: string;
  action?: string;
}

export const auditQueryKey = ['audit'] as const;

/** One page, newest first; `action` matches exactly. */
export function getAuditEvents(params: AuditFilters & PageParams): Promise<ListResponse<AuditEvent>> {
  return apiRequest('/audit', { query: { ...params } });
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type AuditApiContract = [AssertSends<QueryParams<'listAuditEvents'>, AuditFilters & PageParams>];
