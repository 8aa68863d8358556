import { apiRequest } from '@/lib/api-client';
import type { ListResponse, PageParams } from '@/lib/types';

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

/** One page, newest first; `action` matches exactly. */
export function getAuditEvents(params: AuditFilters & PageParams): Promise<ListResponse<AuditEvent>> {
  return apiRequest('/audit', { query: { ...params } });
}
