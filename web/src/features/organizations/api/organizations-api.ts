import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { AssertSends, QueryParams, RequestBody, ResponseBody, Schema } from '@/lib/api-contract';
import type { ListResponse, PageParams } from '@/lib/types';

/** Archived workspaces are not in `workspaceCount` (nor in the workspace list). */
export type Organization = Schema<'Organization'>;

export const createOrganizationInputSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
  description: z.string().trim().max(500, 'validation.tooLong').optional(),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationInputSchema>;
export const updateOrganizationInputSchema = createOrganizationInputSchema;
export type UpdateOrganizationInput = CreateOrganizationInput;

/** What DELETE /organizations/{id} did (R-O4). */
export type DeleteOrganizationResult = ResponseBody<'deleteOrganization'>;

export const organizationsQueryKey = ['organizations'] as const;

/** One page, by name; `q`: a substring of the name (any case) or of the id. */
export function getOrganizations(params: PageParams & { q?: string }): Promise<ListResponse<Organization>> {
  return apiRequest('/organizations', { query: { ...params } });
}

/** One organization: 404 for another tenant's (an Admin sees only their own). */
export function getOrganization(id: string): Promise<Organization> {
  return apiRequest(`/organizations/${encodeURIComponent(id)}`);
}

export function createOrganization(input: CreateOrganizationInput): Promise<Organization> {
  return apiRequest('/organizations', { method: 'POST', body: input satisfies RequestBody<'createOrganization'> });
}

export function updateOrganization({ id, ...input }: UpdateOrganizationInput & { id: string }): Promise<Organization> {
  return apiRequest(`/organizations/${encodeURIComponent(id)}`, { method: 'PATCH', body: input satisfies RequestBody<'updateOrganization'> });
}

export function deleteOrganization({ id, archiveWorkspaces }: { id: string; archiveWorkspaces: boolean }): Promise<DeleteOrganizationResult> {
  return apiRequest(`/organizations/${encodeURIComponent(id)}`, { method: 'DELETE', query: { archiveWorkspaces } satisfies QueryParams<'deleteOrganization'> });
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type OrganizationsApiContract = [
  AssertSends<RequestBody<'createOrganization'>, CreateOrganizationInput>,
  AssertSends<RequestBody<'updateOrganization'>, UpdateOrganizationInput>,
  AssertSends<QueryParams<'listOrganizations'>, PageParams & { q?: string }>,
];
