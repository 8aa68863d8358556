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
