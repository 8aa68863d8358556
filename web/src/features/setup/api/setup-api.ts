import { z } from 'zod';
import { apiRequest, setAccessToken, type TokenResponse } from '@/lib/api-client';
import type { SessionUser } from '@/lib/auth-store';
import { emailSchema, passwordSchema } from '@/lib/validation';

export interface SetupStatus {
  needed: boolean;
  anthropicConfigured: boolean;
  demo: boolean;
}

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

export interface AnthropicSettings {
  configured: boolean;
  baseUrl: string;
  adminKeyHint: string | null;
  organization: { id: string; name: string } | null;
}

export interface SyncRun {
  id?: string;
  trigger?: string;
  vanished?: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  workspaces: number;
  apiKeys: number;
  error: string | null;
}

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
    body: { name: input.name, email: input.email, password: input.password },
    skipRefresh: true,
  });
  if (res?.accessToken && res.user) {
    setAccessToken(res.accessToken);
    return res.user;
  }
  const login = await apiRequest<TokenResponse & { user: SessionUser }>('/auth/login', {
    method: 'POST',
    body: { email: input.email, password: input.password, client: 'web' },
    skipRefresh: true,
  });
  setAccessToken(login.accessToken);
  return login.user;
}

export function saveAnthropicSettings(input: SaveAnthropicSettingsInput): Promise<AnthropicSettings> {
  return apiRequest('/settings/anthropic', {
    method: 'PUT',
    body: { adminKey: input.adminKey, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}) },
  });
}

export function startSync(): Promise<{ runId: string }> {
  return apiRequest('/sync', { method: 'POST' });
}

export function getSyncRun(id: string): Promise<SyncRun> {
  return apiRequest(`/sync/runs/${encodeURIComponent(id)}`);
}

/** The newest sync run, or null before the first one. */
export function getLatestSyncRun(): Promise<SyncRun | null> {
  return apiRequest('/sync/runs/latest');
}

// ---- the import from the old portal (R-X4, docs/migration.md) ----

/** The collections the old portal's export holds, as mongoexport names their files. */
export const LEGACY_COLLECTIONS = ['simpleorganizations', 'simpleusers', 'anthropicapikeys', 'prompts'] as const;
export type LegacyCollection = (typeof LEGACY_COLLECTIONS)[number];

export const IMPORT_COUNT_KINDS = ['organizations', 'workspaceLinks', 'apiKeys', 'users', 'assignments', 'prompts'] as const;
export type ImportCountKind = (typeof IMPORT_COUNT_KINDS)[number];

export interface ImportCount {
  created: number;
  matched: number;
  skipped: number;
}

export interface ImportProblem {
  kind: string;
  collection: string;
  legacyId: string;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  anthropic: 'synced' | 'fetched' | 'not_configured' | 'skipped';
  syncRunId: string | null;
  changed: boolean;
  counts: Partial<Record<ImportCountKind, ImportCount>>;
  problems: ImportProblem[];
}

export interface ImportLegacyInput {
  /** File name → file text (only the four collections are read). */
  files: Record<string, string>;
  dryRun: boolean;
}

export function importLegacyMongo(input: ImportLegacyInput): Promise<ImportReport> {
  return apiRequest('/import/legacy-mongo', { method: 'POST', body: { files: input.files, dryRun: input.dryRun } });
}
