import { z } from 'zod';
import { apiRequest, setAccessToken, type TokenResponse, type UploadProgress } from '@/lib/api-client';
import type { AssertAssignable, AssertReads, RequestBody, ResponseBody, Schema } from '@/lib/api-contract';
import type { SessionUser } from '@/lib/auth-store';
import { emailSchema, passwordSchema } from '@/lib/validation';

export type SetupStatus = ResponseBody<'getSetup'>;

export const createSetupInputSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    email: emailSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordMismatch' });
export type CreateSetupInput = z.infer<typeof createSetupInputSchema>;

export const saveAnthropicSettingsInputSchema = z.object({
  adminKey: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .regex(/^sk-ant-admin01-/, 'validation.adminKeyFormat'),
  baseUrl: z.string().trim().url('validation.url').optional().or(z.literal('')),
});
export type SaveAnthropicSettingsInput = z.infer<typeof saveAnthropicSettingsInputSchema>;

export type AnthropicSettings = Schema<'AnthropicSettings'>;

export type SyncRun = Schema<'SyncRun'>;

export const setupStatusQueryKey = ['setup'] as const;
export const syncRunQueryKey = (id: string) => ['sync-runs', id] as const;
export const latestSyncRunQueryKey = ['sync-runs', 'latest'] as const;

export function getSetupStatus(): Promise<SetupStatus> {
  return apiRequest<SetupStatus>('/setup', { skipRefresh: true });
}

/** Creates the SuperAdmin; the server logs them in (falls back to a login if it sends no token). */
export async function createSetup(input: CreateSetupInput): Promise<SessionUser> {
  const res = await apiRequest<Partial<TokenResponse> & { user?: SessionUser }>('/setup', {
    method: 'POST',
    body: { name: input.name, email: input.email, password: input.password } satisfies RequestBody<'completeSetup'>,
    skipRefresh: true,
  });
  if (res?.accessToken && res.user) {
    setAccessToken(res.accessToken);
    return res.user;
  }
  const login = await apiRequest<TokenResponse & { user: SessionUser }>('/auth/login', {
    method: 'POST',
    body: { email: input.email, password: input.password, client: 'web' } satisfies RequestBody<'login'>,
    skipRefresh: true,
  });
  setAccessToken(login.accessToken);
  return login.user;
}

export function saveAnthropicSettings(input: SaveAnthropicSettingsInput): Promise<AnthropicSettings> {
  return apiRequest('/settings/anthropic', {
    method: 'PUT',
    body: { adminKey: input.adminKey, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}) } satisfies RequestBody<'putAnthropicSettings'>,
  });
}

export function startSync(): Promise<ResponseBody<'startSync'>> {
  return apiRequest('/sync', { method: 'POST' });
}

export function getSyncRun(id: string): Promise<SyncRun> {
  return apiRequest(`/sync/runs/${encodeURIComponent(id)}`);
}

/** The newest sync run, or null before the first one. */
export function getLatestSyncRun(): Promise<ResponseBody<'getLatestSyncRun'>> {
  return apiRequest('/sync/runs/latest');
}

// ---- the import from the old portal (R-X4, docs/migration.md) ----

/** The collections the old portal's export holds, as mongoexport names their files. */
export const LEGACY_COLLECTIONS = ['simpleorganizations', 'simpleusers', 'anthropicapikeys', 'prompts'] as const;
export type LegacyCollection = (typeof LEGACY_COLLECTIONS)[number];

export const IMPORT_COUNT_KINDS = ['organizations', 'workspaceLinks', 'apiKeys', 'users', 'assignments', 'prompts'] as const;
export type ImportCountKind = (typeof IMPORT_COUNT_KINDS)[number];

export type ImportCount = Schema<'ImportCount'>;

export type ImportProblem = ImportReport['problems'][number];

/** `counts` per kind; the document keys them by any string and names the kinds in prose, hence the override. */
export type ImportReport = Omit<Schema<'ImportReport'>, 'counts'> & { counts: Partial<Record<ImportCountKind, ImportCount>> };

export interface ImportLegacyInput {
  /** File name → file text (only the four collections are read). */
  files: Record<string, string>;
  dryRun: boolean;
  /** The upload's bytes sent so far; once they are all sent, the server is working. */
  onUploadProgress?: (progress: UploadProgress) => void;
}

/** The largest request body the server takes on this route (kImportBodyLimit, 64 MiB). */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * The UTF-8 bytes of `JSON.stringify(text)`, counted without building it: quotes, the two-character
 * escapes, `\u00XX` for other control characters and lone surrogates, and each character's UTF-8 length.
 */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** The bytes of the request body importLegacyMongo sends for these files (the apply's, one more than the dry run's). */
export function importBodyBytes(files: Record<string, string>): number {
  let bytes = '{"files":{},"dryRun":false}'.length;
  let first = true;
  for (const [name, text] of Object.entries(files)) {
    bytes += (first ? 0 : 1) + jsonStringBytes(name) + 1 + jsonStringBytes(text);
    first = false;
  }
  return bytes;
}

/** Whether a body of `bytes` is over the server's limit, so that the web app says so instead of sending it. */
export function importTooLarge(bytes: number, limit: number = IMPORT_BODY_LIMIT): boolean {
  return bytes > limit;
}

/** Sends the export over XMLHttpRequest when the caller follows the upload (fetch cannot report it). */
export function importLegacyMongo(input: ImportLegacyInput): Promise<ImportReport> {
  return apiRequest('/import/legacy-mongo', {
    method: 'POST',
    body: { files: input.files, dryRun: input.dryRun } satisfies RequestBody<'importLegacyMongo'>,
    onUploadProgress: input.onUploadProgress,
  });
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type SetupApiContract = [
  AssertAssignable<LegacyCollection, ImportProblem['collection']>,
  AssertAssignable<ImportProblem['collection'], LegacyCollection>,
  AssertReads<ImportReport, Schema<'ImportReport'>>,
];
