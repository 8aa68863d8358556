import type { Role } from '@/lib/auth-store';

export interface NavItem {
  key: 'dashboard' | 'organizations' | 'workspaces' | 'apiKeys' | 'users' | 'usage' | 'prompts';
  path: string;
  roles: Role[];
  /** Shown only when this feature flag is on. */
  flag?: 'prompts';
}

const admins: Role[] = ['SuperAdmin', 'Admin'];

// R-D1: one top bar, in this order; each role sees only what it may use.
export const NAV_ITEMS: NavItem[] = [
  { key: 'dashboard', path: '/', roles: ['SuperAdmin', 'Admin', 'User'] },
  { key: 'organizations', path: '/organizations', roles: admins },
  { key: 'workspaces', path: '/workspaces', roles: admins },
  { key: 'apiKeys', path: '/api-keys', roles: admins },
  { key: 'users', path: '/users', roles: admins },
  // Everyone; a User sees their own usage (the server scopes the report).
  { key: 'usage', path: '/usage', roles: ['SuperAdmin', 'Admin', 'User'] },
  { key: 'prompts', path: '/prompts', roles: ['SuperAdmin', 'Admin', 'User'], flag: 'prompts' },
];

export interface FeatureFlags {
  prompts: boolean;
}

// The prompt library is on by default.
export const DEFAULT_FLAGS: FeatureFlags = { prompts: true };

export function navItemsFor(role: Role, flags: FeatureFlags = DEFAULT_FLAGS): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && (!item.flag || flags[item.flag]));
}
