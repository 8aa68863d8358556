import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createUser, deleteUser, getUsers, resetUserPassword, updateUser, usersQueryKey, type UserFilters } from '../api/users-api';

export function useUsers(filters: UserFilters) {
  return useQuery({ queryKey: [...usersQueryKey, filters], queryFn: () => getUsers(filters), placeholderData: (previous) => previous });
}

function useUserMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  // R-U2: a user change moves key assignments and member counts; every list must agree at once.
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateUser = () => useUserMutation(createUser);
export const useUpdateUser = () => useUserMutation(updateUser);
export const useDeleteUser = () => useUserMutation(deleteUser);
export const useResetUserPassword = () => useMutation({ mutationFn: resetUserPassword });
