import { z } from 'zod';
import { apiRequest } from '@/lib/api-client';
import type { AssertAssignable, AssertSends, QueryParams, RequestBody, ResponseBody, Schema, WithRequired } from '@/lib/api-contract';
import type { ListResponse, PageParams } from '@/lib/types';

export type PromptVisibility = Schema<'PromptVisibility'>;
export const VISIBILITIES = ['public', 'organization', 'private'] as const satisfies readonly PromptVisibility[];

/**
 * `ownerName`: the owner's name where `ownerId` is shown (null otherwise, or once the owner is
 * gone). The server always sends it; docs/api/openapi.yaml does not list it as required.
 */
export type Prompt = WithRequired<Schema<'Prompt'>, 'ownerName'>;

export type PromptVersion = Schema<'PromptVersion'>;

export type RenderResult = ResponseBody<'renderPrompt'>;

export interface PromptFilters {
  q?: string;
  category?: string;
  tag?: string;
}

/** The editor form; `tags` is typed as comma-separated text and sent as an array. */
export const promptInputSchema = z
  .object({
    title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    description: z.string().max(2000, 'validation.tooLong'),
    category: z.string().trim().max(50, 'validation.tooLong'),
    tags: z.string().max(1000, 'validation.tooLong'),
    content: z.string().refine((v) => v.trim().length > 0, 'validation.required'),
    visibility: z.enum(['public', 'organization', 'private']),
    organizationId: z.string().nullable(),
    changeNote: z.string().max(500, 'validation.tooLong'),
  })
  .refine((v) => v.visibility !== 'organization' || Boolean(v.organizationId), {
    path: ['organizationId'],
    message: 'validation.required',
  });
export type PromptInput = z.infer<typeof promptInputSchema>;

export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,、]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

export const promptsQueryKey = ['prompts'] as const;

/** One page, newest first; `category` and `tag` match exactly, `q` anywhere in title, description or text. */
export function getPrompts(params: PromptFilters & PageParams): Promise<ListResponse<Prompt>> {
  return apiRequest('/prompts', { query: { ...params } });
}

export function getPrompt(id: string): Promise<Prompt> {
  return apiRequest(`/prompts/${encodeURIComponent(id)}`);
}

function toBody(input: PromptInput): RequestBody<'createPrompt'> & RequestBody<'updatePrompt'> {
  const { tags, organizationId, changeNote, ...rest } = input;
  return { ...rest, tags: splitTags(tags), ...(organizationId ? { organizationId } : {}), ...(changeNote.trim() ? { changeNote } : {}) };
}

export function createPrompt(input: PromptInput): Promise<Prompt> {
  return apiRequest('/prompts', { method: 'POST', body: toBody(input) });
}

export function updatePrompt({ id, input }: { id: string; input: PromptInput }): Promise<Prompt> {
  return apiRequest(`/prompts/${encodeURIComponent(id)}`, { method: 'PATCH', body: toBody(input) });
}

export function deletePrompt(id: string): Promise<void> {
  return apiRequest(`/prompts/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function getPromptVersions(id: string): Promise<ListResponse<PromptVersion>> {
  return apiRequest(`/prompts/${encodeURIComponent(id)}/versions`);
}

export function restorePromptVersion({ id, number }: { id: string; number: number }): Promise<Prompt> {
  return apiRequest(`/prompts/${encodeURIComponent(id)}/versions/${number}/restore`, { method: 'POST' });
}

export function renderPrompt({ id, variables }: { id: string; variables: Record<string, string> }): Promise<RenderResult> {
  return apiRequest(`/prompts/${encodeURIComponent(id)}/render`, { method: 'POST', body: { variables } satisfies RequestBody<'renderPrompt'> });
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type PromptsApiContract = [
  AssertAssignable<(typeof VISIBILITIES)[number], PromptVisibility>,
  AssertSends<RequestBody<'createPrompt'>, Omit<PromptInput, 'tags' | 'organizationId' | 'changeNote'>>,
  AssertSends<QueryParams<'listPrompts'>, PromptFilters & PageParams>,
];
