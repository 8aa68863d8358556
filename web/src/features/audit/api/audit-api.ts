import { apiRequest } from '@/lib/api-client';
import type { ListResponse, PageParams } from '@/lib/types';

export interface AuditEvent {
  id: string;
  /** Null for an Admin when the actor is outside their organization (the name stays). */
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** The target's current name; null when it is gone or has none. */
  targetName: string | null;
  organizationId: string | null;
  requestId: string;
  details: Record<string, unknown>;
  /** The current name of each object a detail names by id. */
  detailNames: Record<string, string>;
  /** For an Admin: details that named an object outside their organization (their value is null). */
  hiddenDetails: string[];
  createdAt: string;
}

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
