import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { archiveWorkspace, createWorkspace, getWorkspaceKeyHolders, updateWorkspace, workspacesQueryKey } from '../api/workspaces-api';

function useWorkspaceMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, success?: string) {
  const queryClient = useQueryClient();
  // Workspace changes move organization counts and key lists too.
  return useMutation({ mutationFn: fn, meta: success ? { success } : undefined, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateWorkspace = () => useWorkspaceMutation(createWorkspace, 'feedback.created');
export const useUpdateWorkspace = () => useWorkspaceMutation(updateWorkspace, 'feedback.saved');
export const useArchiveWorkspace = () => useWorkspaceMutation(archiveWorkspace, 'feedback.archived');

/** Who holds keys of a workspace (asked before it moves to another organization). */
export function useWorkspaceKeyHolders(workspaceId: string | null) {
  return useQuery({
    queryKey: [...workspacesQueryKey, 'holders', workspaceId],
    queryFn: () => getWorkspaceKeyHolders(workspaceId as string),
    enabled: Boolean(workspaceId),
    staleTime: 0,
  });
}
