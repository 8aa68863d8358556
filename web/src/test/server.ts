import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export const server = setupServer();

/** The server's error shape (API.md). */
export function apiError(status: number, code: string, message = code, headers?: Record<string, string>) {
  return HttpResponse.json({ error: { code, message }, requestId: 'req-test' }, { status, headers });
}

export { http, HttpResponse };
