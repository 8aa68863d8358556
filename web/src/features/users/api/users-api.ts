import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { Role } from '@/lib/auth-store';
import type { AssertKnownFields, AssertSends, QueryParams, RequestBody, ResponseBody, Schema } from '@/lib/api-contract';
import type { ListResponse, PageParams } from '@/lib/types';
import { emailSchema, passwordSchema } from '@/lib/validation';

export type User = Schema<'User'>;
export type UserStatus = Schema<'UserStatus'>;

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

/** Values as the list's filter controls hold them (the server answers 400 to an unknown role or status). */
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

export function createUser(input: CreateUserInput): Promise<ResponseBody<'createUser'>> {
  const { password, apiKeyId, ...rest } = input;
  return apiRequest('/users', {
    method: 'POST',
    body: { ...rest, ...(password ? { password } : {}), ...(apiKeyId ? { apiKeyId } : {}) } satisfies RequestBody<'createUser'>,
  });
}

/** Off-boarding: what happens to the user's key in Anthropic — kept, deactivated (reversible) or archived (「廃止」, for good). */
export type KeyRetirement = 'keep' | 'deactivate' | 'archive';

/** The request fields of a KeyRetirement (PATCH body, DELETE query): `deactivateKey` or `archiveKey`, never both. */
export function retireKeyPatch(retireKey: KeyRetirement): { deactivateKey?: true; archiveKey?: true } {
  if (retireKey === 'deactivate') return { deactivateKey: true };
  if (retireKey === 'archive') return { archiveKey: true };
  return {};
}

/** A PATCH /users/{id}: only the fields to change. */
export type UserPatch = Partial<UpdateUserInput> & { status?: UserStatus; deactivateKey?: boolean; archiveKey?: boolean };

export function updateUser({ id, ...patch }: UserPatch & { id: string }): Promise<User> {
  return apiRequest(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export type DeleteUserResult = ResponseBody<'deleteUser'>;

export function deleteUser({ id, retireKey = 'keep' }: { id: string; retireKey?: KeyRetirement }): Promise<DeleteUserResult> {
  return apiRequest(`/users/${encodeURIComponent(id)}`, { method: 'DELETE', query: retireKeyPatch(retireKey) });
}

export function resetUserPassword(id: string): Promise<ResponseBody<'resetUserPassword'>> {
  return apiRequest(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' });
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type UsersApiContract = [
  AssertSends<RequestBody<'createUser'>, Omit<CreateUserInput, 'password' | 'apiKeyId'>>,
  AssertSends<RequestBody<'updateUser'>, UserPatch>,
  AssertSends<QueryParams<'deleteUser'>, ReturnType<typeof retireKeyPatch>>,
  AssertKnownFields<UserFilters & PageParams, QueryParams<'listUsers'>>,
];
