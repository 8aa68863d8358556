// The one place the browser app keeps who is logged in (R-A3: one shape, one owner).
// A tiny external store rather than React state so that lib/api-client can clear it when a refresh
// fails, and so that setting the same status twice never re-renders (no update loops).
import { useSyncExternalStore } from 'react';

export type Role = 'SuperAdmin' | 'Admin' | 'User';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  organization?: { id: string; name: string } | null;
}

export type AuthStatus = 'unknown' | 'anonymous' | 'authenticated';

export interface AuthState {
  status: AuthStatus;
  user: SessionUser | null;
}

type Listener = () => void;

let state: AuthState = { status: 'unknown', user: null };
const listeners = new Set<Listener>();

function set(next: AuthState): void {
  if (next.status === state.status && next.user === state.user) return;
  state = next;
  listeners.forEach((l) => l());
}

export const authStore = {
  get: (): AuthState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  setAuthenticated(user: SessionUser): void {
    set({ status: 'authenticated', user });
  },
  setAnonymous(): void {
    if (state.status === 'anonymous') return;
    set({ status: 'anonymous', user: null });
  },
  /** Tests only: back to the state at page load. */
  reset(): void {
    state = { status: 'unknown', user: null };
    listeners.forEach((l) => l());
  },
};

export function useAuth(): AuthState {
  return useSyncExternalStore(authStore.subscribe, authStore.get, authStore.get);
}
