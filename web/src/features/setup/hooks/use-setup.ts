import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authStore } from '@/lib/auth-store';
import {
  createSetup,
  getLatestSyncRun,
  getSetupStatus,
  getSyncRun,
  importLegacyMongo,
  latestSyncRunQueryKey,
  saveAnthropicSettings,
  setupStatusQueryKey,
  startSync,
  syncRunQueryKey,
} from '../api/setup-api';

export function useSetupStatus() {
  return useQuery({ queryKey: setupStatusQueryKey, queryFn: getSetupStatus, retry: false, staleTime: Infinity });
}

export function useCreateSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSetup,
    onSuccess: (user) => {
      authStore.setAuthenticated(user);
      queryClient.setQueryData(setupStatusQueryKey, (old: { needed: boolean } | undefined) => ({ ...old, needed: false }));
    },
  });
}

export function useSaveAnthropicSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAnthropicSettings,
    meta: { success: 'feedback.saved' },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: setupStatusQueryKey }),
  });
}

export function useStartSync() {
  return useMutation({ mutationFn: startSync });
}

/** Polls a sync run every second until it has finished. */
export function useSyncRun(runId: string | null) {
  return useQuery({
    queryKey: syncRunQueryKey(runId ?? ''),
    queryFn: () => getSyncRun(runId as string),
    enabled: Boolean(runId),
    retry: false,
    refetchInterval: (query) => (query.state.status === 'error' || (query.state.data && query.state.data.status !== 'running') ? false : 1000),
  });
}

/** The last sync's time and outcome (R-K1). */
export function useLatestSyncRun() {
  return useQuery({ queryKey: latestSyncRunQueryKey, queryFn: getLatestSyncRun, retry: false });
}

/** Dry run or apply of the old portal's export; an apply changes what every list shows. */
export function useImportLegacy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importLegacyMongo,
    onSuccess: (report) => {
      if (!report.dryRun && report.changed) void queryClient.invalidateQueries();
    },
  });
}
