import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { AssertSends, QueryParams, RequestBody, Schema } from '@/lib/api-contract';
import type { ListResponse, PageParams } from '@/lib/types';

export type Workspace = Schema<'Workspace'>;

// R-W1: Anthropic allows 1–40 characters.
export const WORKSPACE_NAME_MAX = 40;
const workspaceNameSchema = z.string().trim().min(1, 'validation.required').max(WORKSPACE_NAME_MAX, 'validation.workspaceNameLength');

export const createWorkspaceInputSchema = z.object({
  name: workspaceNameSchema,
  organizationId: z.string().min(1, 'validation.required'),
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInputSchema>;

export const renameWorkspaceInputSchema = z.object({ name: workspaceNameSchema });
export type RenameWorkspaceInput = z.infer<typeof renameWorkspaceInputSchema>;

export const workspacesQueryKey = ['workspaces'] as const;

export interface WorkspaceFilters {
  includeArchived?: boolean;
  organizationId?: string;
  /** A substring of the name (any case) or of the id. */
  q?: string;
}

/** One page, by name. */
export function getWorkspaces(params: WorkspaceFilters & PageParams): Promise<ListResponse<Workspace>> {
  return apiRequest('/workspaces', { query: { ...params } });
}

/** One workspace: 404 for another tenant's. */
export function getWorkspace(id: string): Promise<Workspace> {
  return apiRequest(`/workspaces/${encodeURIComponent(id)}`);
}

export function createWorkspace(input: CreateWorkspaceInput): Promise<Workspace> {
  return apiRequest('/workspaces', { method: 'POST', body: input satisfies RequestBody<'createWorkspace'> });
}

/** A PATCH /workspaces/{id}: only the fields to change. */
export interface WorkspacePatch {
  name?: string;
  organizationId?: string | null;
  /** Take the keys of users of another organization away with the move (else 409 workspace_keys_held). */
  unassignKeys?: boolean;
}

export function updateWorkspace({ id, ...patch }: WorkspacePatch & { id: string }): Promise<Workspace> {
  return apiRequest(`/workspaces/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export function archiveWorkspace(id: string): Promise<Workspace> {
  return apiRequest(`/workspaces/${encodeURIComponent(id)}/archive`, { method: 'POST' });
}

/** A key of the workspace that a user holds (from GET /api-keys). */
export interface KeyHolder {
  keyId: string;
  keyName: string;
  hint: string;
  holder: { id: string; name: string; email: string };
}

/** Every key of the workspace that a user holds, with its holder (all pages). */
export async function getWorkspaceKeyHolders(workspaceId: string): Promise<KeyHolder[]> {
  const holders: KeyHolder[] = [];
  let cursor: string | null = null;
  do {
    const page: ListResponse<Pick<Schema<'ApiKey'>, 'id' | 'name' | 'hint' | 'assignedUser'>> = await apiRequest('/api-keys', {
      query: { workspaceId, assigned: true, limit: 500, ...(cursor ? { cursor } : {}) } satisfies QueryParams<'listApiKeys'>,
    });
    for (const k of page.items) {
      if (k.assignedUser) holders.push({ keyId: k.id, keyName: k.name, hint: k.hint, holder: k.assignedUser });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return holders;
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type WorkspacesApiContract = [
  AssertSends<RequestBody<'createWorkspace'>, CreateWorkspaceInput>,
  AssertSends<RequestBody<'updateWorkspace'>, WorkspacePatch>,
  AssertSends<QueryParams<'listWorkspaces'>, WorkspaceFilters & PageParams>,
];
