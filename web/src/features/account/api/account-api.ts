import { z } from 'zod';
import { apiRequest, refreshSession, setAccessToken, type TokenResponse } from '@/lib/api-client';
import type { RequestBody, ResponseBody, Schema } from '@/lib/api-contract';
import type { SessionUser } from '@/lib/auth-store';
import { emailSchema, passwordSchema } from '@/lib/validation';

export const loginInputSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'validation.required'),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const changePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required'),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordMismatch' });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export type Me = Schema<'Me'>;

export const meQueryKey = ['me'] as const;

export async function login(input: LoginInput): Promise<SessionUser> {
  const res = await apiRequest<TokenResponse & { user: SessionUser }>('/auth/login', {
    method: 'POST',
    body: { email: input.email, password: input.password, client: 'web' } satisfies RequestBody<'login'>,
    skipRefresh: true,
  });
  setAccessToken(res.accessToken);
  return res.user ?? (await getMe());
}

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/auth/logout', { method: 'POST', skipRefresh: true });
  } finally {
    setAccessToken(null);
  }
}

export function getMe(): Promise<Me> {
  return apiRequest<Me>('/me');
}

/** App start: turn the refresh cookie (if any) into a session. Null when there is none. */
export async function restoreSession(): Promise<SessionUser | null> {
  try {
    const res = await refreshSession();
    return res.user ?? (await getMe());
  } catch {
    setAccessToken(null);
    return null;
  }
}

/** The caller's own key as it is now, with its full value; the server audits every call. */
export type RevealedApiKey = ResponseBody<'getMyApiKey'>;

export function revealMyApiKey(): Promise<RevealedApiKey> {
  return apiRequest('/me/api-key');
}

export function changeMyPassword(input: ChangePasswordInput): Promise<void> {
  return apiRequest('/me/password', {
    method: 'POST',
    body: { currentPassword: input.currentPassword, newPassword: input.newPassword } satisfies RequestBody<'changeMyPassword'>,
  });
}
