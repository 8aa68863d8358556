import { useInfiniteQuery } from '@tanstack/react-query';
import { auditQueryKey, getAuditEvents, type AuditFilters } from '../api/audit-api';

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...auditQueryKey, filters],
    queryFn: ({ pageParam }) => getAuditEvents(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
