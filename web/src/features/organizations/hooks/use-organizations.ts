import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createOrganization,
  deleteOrganization,
  getOrganizations,
  organizationsQueryKey,
  updateOrganization,
} from '../api/organizations-api';

export function useOrganizations() {
  return useQuery({ queryKey: organizationsQueryKey, queryFn: getOrganizations });
}

function useInvalidatingMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  // Organization changes show in every list that names or counts organizations.
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateOrganization = () => useInvalidatingMutation(createOrganization);
export const useUpdateOrganization = () => useInvalidatingMutation(updateOrganization);
export const useDeleteOrganization = () => useInvalidatingMutation(deleteOrganization);
