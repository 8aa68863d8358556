import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createOrganization, deleteOrganization, getAllOrganizations, organizationsQueryKey, updateOrganization } from '../api/organizations-api';

/** Every organization, for pickers and names (the organizations page pages through the server). */
export function useAllOrganizations() {
  return useQuery({ queryKey: [...organizationsQueryKey, 'all'], queryFn: getAllOrganizations });
}

function useInvalidatingMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, success?: string) {
  const queryClient = useQueryClient();
  // Organization changes show in every list that names or counts organizations.
  return useMutation({ mutationFn: fn, meta: success ? { success } : undefined, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateOrganization = () => useInvalidatingMutation(createOrganization, 'feedback.created');
export const useUpdateOrganization = () => useInvalidatingMutation(updateOrganization, 'feedback.saved');
export const useDeleteOrganization = () => useInvalidatingMutation(deleteOrganization, 'feedback.deleted');
