import { apiRequest } from '@/lib/api-client';
import type { ListResponse } from '@/lib/types';

export interface AuditEvent {
  id: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  organizationId: string | null;
  requestId: string;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface AuditFilters {
  organizationId?: string;
  actorId?: string;
  action?: string;
}

export const auditQueryKey = ['audit'] as const;

/** Newest first; `cursor` continues where the previous page ended. */
export function getAuditEvents(filters: AuditFilters, cursor?: string): Promise<ListResponse<AuditEvent>> {
  return apiRequest('/audit', { query: { ...filters, cursor, limit: 50 } });
}
