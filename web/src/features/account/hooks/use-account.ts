import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '@/lib/api-client';
import { authStore } from '@/lib/auth-store';
import { changeMyPassword, getMe, login, logout, meQueryKey, revealMyApiKey } from '../api/account-api';

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => authStore.setAuthenticated(user),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      authStore.setAnonymous();
    },
  });
}

/** The caller's own data: refetched whenever the window gets focus (an admin may change it). */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: 0, refetchOnWindowFocus: true });
}

/**
 * Reveals the caller's key. The answer names the key it belongs to; when that is not the key the
 * page showed (switched meanwhile), or the key is gone (404/409), the caller's data is refetched.
 */
export function useRevealMyApiKey(shownKeyId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revealMyApiKey,
    onSuccess: (revealed) => {
      if (revealed.id !== shownKeyId) void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => {
      if (isApiError(error) && (error.status === 404 || error.status === 409)) {
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
      }
    },
  });
}

/** Changes the caller's password; a password the portal generated is then theirs (no more asking). */
export function useChangeMyPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeMyPassword,
    meta: { success: 'feedback.passwordChanged' },
    onSuccess: () => {
      const { user } = authStore.get();
      if (user?.mustChangePassword) authStore.setAuthenticated({ ...user, mustChangePassword: false });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
