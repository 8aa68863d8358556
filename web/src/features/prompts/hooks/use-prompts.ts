import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createPrompt, deletePrompt, getPromptVersions, promptsQueryKey, renderPrompt, restorePromptVersion, updatePrompt } from '../api/prompts-api';

export function usePromptVersions(id: string) {
  return useQuery({ queryKey: [...promptsQueryKey, 'versions', id], queryFn: () => getPromptVersions(id) });
}

/** Every prompt change moves lists, versions and counts: invalidate the whole feature. */
function usePromptMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, success?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: success ? { success } : undefined,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promptsQueryKey }),
  });
}

export const useCreatePrompt = () => usePromptMutation(createPrompt, 'feedback.created');
export const useUpdatePrompt = () => usePromptMutation(updatePrompt, 'feedback.saved');
export const useDeletePrompt = () => usePromptMutation(deletePrompt, 'feedback.deleted');
export const useRestorePromptVersion = () => usePromptMutation(restorePromptVersion, 'feedback.restored');
/** A render counts a use (useCount changes). */
export const useRenderPrompt = () => usePromptMutation(renderPrompt);
