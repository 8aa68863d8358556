import type { Schema } from './api-contract';

/**
 * Every list endpoint answers in this shape (PageInfo in docs/api/openapi.yaml). `totalExact` false:
 * `total` is a lower bound ("10,000 or more"): the server counts at most 10,000 matches.
 */
export type ListResponse<T> = Schema<'PageInfo'> & { items: T[] };

/** What every list endpoint takes besides its filters: 1–500 rows from where `cursor` points. */
export interface PageParams {
  limit?: number;
  /** A `nextCursor` the server handed out; anything else is a 400. */
  cursor?: string;
}

/**
 * Every item of a short reference list (organizations, workspaces) that pickers and name lookups
 * need whole: follows `nextCursor` 500 rows at a time. Never for the lists people page through.
 */
export async function collectPages<T>(fetchPage: (page: PageParams) => Promise<ListResponse<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage({ limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
