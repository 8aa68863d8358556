import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe });
}

export function useRevealMyApiKey() {
  return useMutation({ mutationFn: revealMyApiKey });
}

export function useChangeMyPassword() {
  return useMutation({ mutationFn: changeMyPassword });
}
