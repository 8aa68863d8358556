import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageParams } from '@/lib/types';
import { apiKeysQueryKey, archiveApiKey, getApiKeys, registerApiKey, replaceApiKey, updateApiKey, type ApiKeyFilters } from '../api/api-keys-api';

/** One page of keys (the key picker's first 500; the keys page pages through the server itself). */
export function useApiKeys(params: ApiKeyFilters & PageParams, enabled = true) {
  return useQuery({ queryKey: [...apiKeysQueryKey, params], queryFn: () => getApiKeys(params), enabled });
}

function useKeyMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, success?: string) {
  const queryClient = useQueryClient();
  // Keys show in the user list and the organization counts as well.
  return useMutation({ mutationFn: fn, meta: success ? { success } : undefined, onSuccess: () => queryClient.invalidateQueries() });
}

export const useRegisterApiKey = () => useKeyMutation(registerApiKey, 'feedback.registered');
export const useUpdateApiKey = () => useKeyMutation(updateApiKey, 'feedback.saved');
export const useArchiveApiKey = () => useKeyMutation(archiveApiKey, 'feedback.retired');
export const useReplaceApiKey = () => useKeyMutation(replaceApiKey, 'feedback.replaced');
