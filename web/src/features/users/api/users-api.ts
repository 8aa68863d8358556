import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { Role } from '@/lib/auth-store';
import type { ListResponse, PageParams } from '@/lib/types';
import { emailSchema, passwordSchema } from '@/lib/validation';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  status: 'active' | 'disabled' | string;
  apiKey: { id: string; name: string; hint: string; status: string } | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export const ROLES: Role[] = ['SuperAdmin', 'Admin', 'User'];

export const createUserInputSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    email: emailSchema,
    role: z.enum(['SuperAdmin', 'Admin', 'User']),
    organizationId: z.string().nullable(),
    password: passwordSchema.optional().or(z.literal('')),
    apiKeyId: z.string().nullable(),
  })
  .refine((v) => v.role === 'SuperAdmin' || Boolean(v.organizationId), { path: ['organizationId'], message: 'validation.required' });
export type CreateUserInput = z.infer<typeof createUserInputSchema>;

export const updateUserInputSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    email: emailSchema,
    role: z.enum(['SuperAdmin', 'Admin', 'User']),
    organizationId: z.string().nullable(),
    apiKeyId: z.string().nullable(),
  })
  .refine((v) => v.role === 'SuperAdmin' || Boolean(v.organizationId), { path: ['organizationId'], message: 'validation.required' });
export type UpdateUserInput = z.infer<typeof updateUserInputSchema>;

export const usersQueryKey = ['users'] as const;

export interface UserFilters {
  q?: string;
  role?: string;
  status?: string;
  organizationId?: string;
}

/** One page, newest first. */
export function getUsers(params: UserFilters & PageParams): Promise<ListResponse<User>> {
  return apiRequest('/users', { query: { ...params } });
}

export function getUser(id: string): Promise<User> {
  return apiRequest(`/users/${encodeURIComponent(id)}`);
}

export function createUser(input: CreateUserInput): Promise<{ user: User; initialPassword?: string }> {
  const { password, ...rest } = input;
  return apiRequest('/users', { method: 'POST', body: { ...rest, ...(password ? { password } : {}) } });
}

/** Off-boarding: what happens to the user's key in Anthropic — kept, deactivated (reversible) or archived (「廃止」, for good). */
export type KeyRetirement = 'keep' | 'deactivate' | 'archive';

/** The request fields of a KeyRetirement (PATCH body, DELETE query): `deactivateKey` or `archiveKey`, never both. */
export function retireKeyPatch(retireKey: KeyRetirement): { deactivateKey?: true; archiveKey?: true } {
  if (retireKey === 'deactivate') return { deactivateKey: true };
  if (retireKey === 'archive') return { archiveKey: true };
  return {};
}

export function updateUser({
  id,
  ...patch
}: Partial<UpdateUserInput> & { id: string; status?: string; deactivateKey?: boolean; archiveKey?: boolean }): Promise<User> {
  return apiRequest(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export interface DeleteUserResult {
  deleted: boolean;
  sessionsRevoked: number;
  apiKeyReleased: string | null;
  keyDeactivated: boolean;
  keyArchived: boolean;
}

export function deleteUser({ id, retireKey = 'keep' }: { id: string; retireKey?: KeyRetirement }): Promise<DeleteUserResult> {
  return apiRequest(`/users/${encodeURIComponent(id)}`, { method: 'DELETE', query: retireKeyPatch(retireKey) });
}

export function resetUserPassword(id: string): Promise<{ temporaryPassword: string }> {
  return apiRequest(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' });
}
