import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createUser, deleteUser, getUser, resetUserPassword, updateUser, usersQueryKey } from '../api/users-api';

/** One user by id (to name the actor of an audit event, say); cached per id. */
export function useUser(id: string) {
  return useQuery({ queryKey: [...usersQueryKey, 'detail', id], queryFn: () => getUser(id), staleTime: 5 * 60_000 });
}

function useUserMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>, success?: string) {
  const queryClient = useQueryClient();
  // R-U2: a user change moves key assignments and member counts; every list must agree at once.
  return useMutation({ mutationFn: fn, meta: success ? { success } : undefined, onSuccess: () => queryClient.invalidateQueries() });
}

export const useCreateUser = () => useUserMutation(createUser, 'feedback.created');
export const useUpdateUser = () => useUserMutation(updateUser, 'feedback.saved');
export const useDeleteUser = () => useUserMutation(deleteUser, 'feedback.deleted');
export const useResetUserPassword = () => useMutation({ mutationFn: resetUserPassword });
