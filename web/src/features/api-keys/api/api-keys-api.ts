import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { AssertAssignable, AssertKnownFields, AssertReads, AssertSends, QueryParams, RequestBody, Schema } from '@/lib/api-contract';
import type { ListResponse, PageParams } from '@/lib/types';

export type ApiKeyStatus = Schema<'ApiKeyStatus'>;
export const API_KEY_STATUSES = ['active', 'inactive', 'archived', 'expired'] as const satisfies readonly ApiKeyStatus[];

/**
 * `label` is the R-K5 label from the server (`apikey_…: sk-ant-api03-rag...nwAA (name)`); `vanished`:
 * gone from Anthropic (deleted in the Console) since the last sync.
 */
export type ApiKey = Schema<'ApiKey'>;

/** 409 ambiguous_key: the keys sharing the pasted value's hint (ApiError.details). */
export interface AmbiguousKeyDetails {
  candidates?: ApiKey[];
}

/** Values as the list's filter controls hold them (the server answers 400 to an unknown status). */
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
  return apiRequest('/api-keys/register', { method: 'POST', body: input satisfies RequestBody<'registerApiKey'> });
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
  return apiRequest(`/api-keys/${encodeURIComponent(id)}/replace`, { method: 'POST', body: { value } satisfies RequestBody<'replaceApiKey'> });
}

/** A PATCH /api-keys/{id}: a new name, or (de)activation. */
export interface ApiKeyPatch {
  name?: string;
  status?: 'active' | 'inactive';
}

export function updateApiKey({ id, ...patch }: ApiKeyPatch & { id: string }): Promise<ApiKey> {
  return apiRequest(`/api-keys/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

/** R-K5: `apikey_…: sk-ant-api03-rag...nwAA (saitou)`. */
export function formatKeyLabel(key: { id: string; hint: string; name: string; label?: string }): string {
  return key.label ?? `${key.id}: ${key.hint} (${key.name})`;
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type ApiKeysApiContract = [
  AssertReads<AmbiguousKeyDetails, Schema<'AmbiguousKeyError'>['error']>,
  AssertAssignable<(typeof API_KEY_STATUSES)[number], ApiKeyStatus>,
  AssertSends<RequestBody<'updateApiKey'>, ApiKeyPatch>,
  AssertKnownFields<ApiKeyFilters & PageParams, QueryParams<'listApiKeys'>>,
];
