import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getOrganization, organizationsQueryKey } from '../api/organizations-api';
import { getOrganizationLimits, organizationLimitsQueryKey, setWorkspaceRateLimits, setWorkspaceSpendLimit, type OrganizationLimits } from '../api/limits-api';

export function useOrganization(id: string) {
  return useQuery({ queryKey: [...organizationsQueryKey, 'detail', id], queryFn: () => getOrganization(id) });
}

/** Read live from Anthropic on every fetch (limits change in the Console too). */
export function useOrganizationLimits(organizationId: string) {
  return useQuery({ queryKey: organizationLimitsQueryKey(organizationId), queryFn: () => getOrganizationLimits(organizationId) });
}

/** A change answers the organization's limits after it: they replace the cached ones. */
function useLimitsMutation<TVars>(organizationId: string, fn: (v: TVars & { organizationId: string }) => Promise<OrganizationLimits>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: TVars) => fn({ ...v, organizationId }),
    meta: { success: 'feedback.saved' },
    onSuccess: (data) => queryClient.setQueryData(organizationLimitsQueryKey(organizationId), data),
  });
}

export const useSetWorkspaceRateLimits = (organizationId: string) =>
  useLimitsMutation<Omit<Parameters<typeof setWorkspaceRateLimits>[0], 'organizationId'>>(organizationId, setWorkspaceRateLimits);
export const useSetWorkspaceSpendLimit = (organizationId: string) =>
  useLimitsMutation<Omit<Parameters<typeof setWorkspaceSpendLimit>[0], 'organizationId'>>(organizationId, setWorkspaceSpendLimit);
