import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createOrganization, deleteOrganization, updateOrganization } from '../api/organizations-api';

function useInvalidatingMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, success?: string) {
  const queryClient = useQueryClient();
  // Organization changes show in every list that names or counts organizations.
  return useMutation({ mutationFn: fn, meta: success ? { success } : undefined, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateOrganization = () => useInvalidatingMutation(createOrganization, 'feedback.created');
export const useUpdateOrganization = () => useInvalidatingMutation(updateOrganization, 'feedback.saved');
export const useDeleteOrganization = () => useInvalidatingMutation(deleteOrganization, 'feedback.deleted');
