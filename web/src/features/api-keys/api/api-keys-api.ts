import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { ListResponse, PageParams } from '@/lib/types';

export type ApiKeyStatus = 'active' | 'inactive' | 'archived' | 'deleted' | string;

export interface ApiKey {
  id: string;
  name: string;
  status: ApiKeyStatus;
  hint: string;
  workspaceId: string | null;
  organizationId: string | null;
  secretRegistered: boolean;
  assignedUser: { id: string; name: string; email: string } | null;
  createdAt: string;
  /** R-K5 label from the server: `apikey_…: sk-ant-api03-rag...nwAA (name)`. */
  label?: string;
  /** Gone from Anthropic (deleted in the Console) since the last sync. */
  vanished?: boolean;
}

/** 409 ambiguous_key: the keys sharing the pasted value's hint. */
export interface AmbiguousKeyDetails {
  candidates?: ApiKey[];
}

export interface ApiKeyFilters {
  organizationId?: string;
  workspaceId?: string;
  status?: string;
  assigned?: boolean;
  /** true: only keys whose value the portal stores; false: only those without. */
  registered?: boolean;
  /** true: only keys gone from Anthropic; false: only those still there. */
  vanished?: boolean;
  q?: string;
}

export const registerApiKeyInputSchema = z.object({
  value: z
    .string()
    .trim()
    .regex(/^sk-ant-api\d\d-[A-Za-z0-9_-]{20,}$/, 'validation.apiKeyFormat'),
});
export type RegisterApiKeyInput = z.infer<typeof registerApiKeyInputSchema>;

export const renameApiKeyInputSchema = z.object({ name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong') });
export type RenameApiKeyInput = z.infer<typeof renameApiKeyInputSchema>;

export const apiKeysQueryKey = ['api-keys'] as const;

/** One page, newest first. */
export function getApiKeys(params: ApiKeyFilters & PageParams): Promise<ListResponse<ApiKey>> {
  return apiRequest('/api-keys', { query: { ...params } });
}

export function registerApiKey(input: RegisterApiKeyInput): Promise<ApiKey> {
  return apiRequest('/api-keys/register', { method: 'POST', body: input });
}

/** 「廃止」: archived in Anthropic for good, its secret erased, its holder unassigned. Idempotent. */
export function archiveApiKey(id: string): Promise<ApiKey> {
  return apiRequest(`/api-keys/${encodeURIComponent(id)}/archive`, { method: 'POST' });
}

/**
 * The leaked-key flow: retires key `id` and registers `value` (a new key from the Console), given
 * to the old key's holder in the same step. Answers the NEW key (its `assignedUser` the holder).
 */
export function replaceApiKey({ id, value }: { id: string } & RegisterApiKeyInput): Promise<ApiKey> {
  return apiRequest(`/api-keys/${encodeURIComponent(id)}/replace`, { method: 'POST', body: { value } });
}

export function updateApiKey({ id, ...patch }: { id: string; name?: string; status?: 'active' | 'inactive' }): Promise<ApiKey> {
  return apiRequest(`/api-keys/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

/** R-K5: `apikey_…: sk-ant-api03-rag...nwAA (saitou)`. */
export function formatKeyLabel(key: { id: string; hint: string; name: string; label?: string }): string {
  return key.label ?? `${key.id}: ${key.hint} (${key.name})`;
}
