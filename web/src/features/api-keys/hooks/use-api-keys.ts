import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKeysQueryKey, archiveApiKey, getApiKeys, registerApiKey, replaceApiKey, updateApiKey } from '../api/api-keys-api';

/** The key picker asks for this many keys at a time. */
export const ASSIGNABLE_PAGE_SIZE = 50;

/**
 * The keys of an organization that can be handed out (free, active, value registered, still in
 * Anthropic), as the server finds them for `q`, one page at a time (fetchNextPage follows nextCursor).
 */
export function useAssignableApiKeys(organizationId: string | null, q: string) {
  return useInfiniteQuery({
    queryKey: [...apiKeysQueryKey, 'assignable', organizationId, q],
    queryFn: ({ pageParam }) =>
      getApiKeys({
        organizationId: organizationId ?? undefined,
        assigned: false,
        status: 'active',
        registered: true,
        vanished: false,
        q: q || undefined,
        limit: ASSIGNABLE_PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(organizationId),
    // While a new search runs, the last answer stays, but never another organization's keys.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === organizationId ? keepPreviousData(previous) : undefined),
  });
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
