import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { collectUsage, downloadUsageCsv, getLatestUsageRun, getUsage, latestUsageRunQueryKey, usageQueryKey, type UsageQuery } from '../api/usage-api';

/** Polling while a collection runs. */
export const RUN_POLL_MS = 1000;
/** A User cannot read the runs: their report is asked again while its collection runs. */
export const REPORT_POLL_MS = 5000;

/**
 * The report of a view; the previous one stays on screen (dimmed) until the next arrives.
 * `pollWhileRunning`: ask again while the report's latest run is still running.
 */
export function useUsage(query: UsageQuery | null, { pollWhileRunning = false } = {}) {
  return useQuery({
    queryKey: [...usageQueryKey, query],
    queryFn: () => getUsage(query as UsageQuery),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (pollWhileRunning && q.state.data?.latestRun?.status === 'running' ? REPORT_POLL_MS : false),
  });
}

/**
 * The latest collection (SuperAdmin, Admin), polled every second while it runs, and until the
 * run just started (`awaitedRunId`) shows up.
 */
export function useLatestUsageRun(enabled: boolean, awaitedRunId: string | null) {
  return useQuery({
    queryKey: latestUsageRunQueryKey,
    queryFn: getLatestUsageRun,
    enabled,
    retry: false,
    refetchInterval: (q) => {
      if (q.state.status === 'error') return false;
      const run = q.state.data;
      return run?.status === 'running' || (awaitedRunId !== null && run?.id !== awaitedRunId) ? RUN_POLL_MS : false;
    },
  });
}

export function useCollectUsage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: collectUsage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: latestUsageRunQueryKey }),
  });
}

/** Fetches the view's CSV with the session's token and hands it to the browser as a file. */
export function useDownloadUsageCsv(save: (blob: Blob, filename: string) => void) {
  return useMutation({
    mutationFn: async (query: UsageQuery) => {
      const { blob, filename } = await downloadUsageCsv(query);
      save(blob, filename ?? `usage-${query.from}-${query.to}-${query.groupBy}.csv`);
    },
  });
}
