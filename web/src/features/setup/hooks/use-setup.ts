import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authStore } from '@/lib/auth-store';
import {
  createSetup,
  getSetupStatus,
  getSyncRun,
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
    refetchInterval: (query) =>
      query.state.status === 'error' || (query.state.data && query.state.data.status !== 'running') ? false : 1000,
  });
}
