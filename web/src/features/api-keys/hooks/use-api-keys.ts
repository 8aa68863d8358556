import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKeysQueryKey, getApiKeys, registerApiKey, updateApiKey, type ApiKeyFilters } from '../api/api-keys-api';

export function useApiKeys(filters: ApiKeyFilters, enabled = true) {
  return useQuery({ queryKey: [...apiKeysQueryKey, filters], queryFn: () => getApiKeys(filters), enabled });
}

function useKeyMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  // Keys show in the user list and the organization counts as well.
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries() });
}

export const useRegisterApiKey = () => useKeyMutation(registerApiKey);
export const useUpdateApiKey = () => useKeyMutation(updateApiKey);
