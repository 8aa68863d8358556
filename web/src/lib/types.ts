/** Every list endpoint answers in this shape (API.md conventions). */
export interface ListResponse<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}
