// The only HTTP client of the browser app (STYLE: only features/*/api call it).
// - Access token in memory only; the refresh token lives in an HttpOnly cookie the server sets.
// - On 401: ONE refresh at a time (single flight), then the original request is retried once.
// - A failed refresh clears the auth state once; the route guard then shows /login (R-A3).
// - Every failure becomes an ApiError {status, code, message, requestId}.
// - A request that reports its upload (onUploadProgress) goes through XMLHttpRequest, since fetch()
//   cannot; it sends the same headers and cookies and gets the same refresh and errors.
import type { AssertReads, Schema, TokensBody } from './api-contract';
import { authStore, type SessionUser } from './auth-store';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  /** Seconds from the Retry-After header (429), when the server sent one. */
  readonly retryAfter: number | null;
  readonly details: unknown;

  constructor(init: { status: number; code: string; message: string; requestId?: string | null; retryAfter?: number | null; details?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.details = init.details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const codeByStatus: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  500: 'internal',
  502: 'upstream_unavailable',
  503: 'upstream_unavailable',
};

export interface TokenResponse {
  accessToken: string;
  expiresIn?: number;
  user?: SessionUser;
}

let accessToken: string | null = null;
let refreshInFlight: Promise<TokenResponse> | null = null;
// Set once a refresh has failed for the current session, so that the session-expired handling
// runs exactly once however many requests fail together; cleared by the next token.
let sessionExpired = false;
let onSessionExpired: () => void = () => authStore.setAnonymous();

export function setAccessToken(token: string | null): void {
  accessToken = token;
  if (token) sessionExpired = false;
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** What happens when a refresh fails mid-session; the default clears the auth store. */
export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Login, refresh and setup must not trigger the refresh-and-retry dance. */
  skipRefresh?: boolean;
  signal?: AbortSignal;
  /**
   * Reports the upload of the body (large imports). The request then goes through XMLHttpRequest
   * (fetch() cannot report an upload); a retry after a refresh reports its upload from 0 again.
   */
  onUploadProgress?: (progress: UploadProgress) => void;
}

/** The request body's bytes sent so far, of `total` (the browser's count; the body's length in characters until it tells). */
export interface UploadProgress {
  loaded: number;
  total: number;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  let url = `${API_BASE}${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

/** An error body as the server sends it (Error, or AmbiguousKeyError with its candidates), read defensively: a proxy may answer with anything. */
interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown; candidates?: unknown };
  requestId?: string;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const b = (body ?? {}) as ErrorBody;
  const retryAfterHeader = res.headers.get('Retry-After');
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  return new ApiError({
    status: res.status,
    code: b.error?.code ?? codeByStatus[res.status] ?? (res.status >= 500 ? 'internal' : 'invalid_request'),
    message: b.error?.message ?? res.statusText ?? `HTTP ${res.status}`,
    requestId: b.requestId ?? res.headers.get('X-Request-Id'),
    retryAfter,
    // 409 ambiguous_key lists its candidates beside the message.
    details: b.error?.details ?? (b.error?.candidates ? { candidates: b.error.candidates } : undefined),
  });
}

// Responses that must have no body (the Response constructor refuses one).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function parseResponseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // a header name the Headers class refuses: not one this client reads
    }
  }
  return headers;
}

/**
 * fetch() through XMLHttpRequest, for the upload's progress: the same method, headers, body,
 * cookies (withCredentials) and abort signal; answers a Response, so that everything after it
 * (refresh, errors, parsing) is the same. Rejects like fetch: TypeError on a network failure,
 * DOMException AbortError on an abort.
 */
function fetchWithUploadProgress(
  url: string,
  init: RequestInit & { headers: Headers },
  onUploadProgress: (progress: UploadProgress) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) {
      reject(new DOMException('The request was aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.open(init.method ?? 'GET', url);
    xhr.withCredentials = true;
    init.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    // Until the browser tells the body's size, its length in characters stands in for it.
    let total = typeof init.body === 'string' ? init.body.length : 0;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) total = e.total;
      onUploadProgress({ loaded: Math.min(e.loaded, total || e.loaded), total });
    };
    xhr.upload.onload = () => onUploadProgress({ loaded: total, total });
    xhr.onload = () => {
      done();
      if (xhr.status < 200 || xhr.status > 599) {
        reject(new TypeError('Network error'));
        return;
      }
      const body = NULL_BODY_STATUSES.has(xhr.status) ? null : xhr.responseText;
      resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers: parseResponseHeaders(xhr.getAllResponseHeaders()) }));
    };
    xhr.onerror = () => {
      done();
      reject(new TypeError('Network error'));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new DOMException('The request was aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    xhr.send(typeof init.body === 'string' ? init.body : null);
  });
}

async function send(url: string, init: RequestInit, token: string | null, onUploadProgress?: (progress: UploadProgress) => void): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  // The server requires this custom header on cookie-authenticated state-changing requests (CSRF).
  headers.set('X-Requested-With', 'XMLHttpRequest');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    if (onUploadProgress) return await fetchWithUploadProgress(url, { ...init, headers }, onUploadProgress);
    return await fetch(url, { ...init, headers, credentials: 'include' });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network_error', message: e instanceof Error ? e.message : 'Network error' });
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * POST /auth/refresh with the cookie. Concurrent callers share one request (single flight).
 * Resolves with the new token (already installed); rejects with an ApiError.
 */
export function refreshSession(): Promise<TokenResponse> {
  if (!refreshInFlight) {
    refreshInFlight = (async () => {
      const res = await send(buildUrl('/auth/refresh'), { method: 'POST', body: '{}' }, null);
      if (!res.ok) throw await toApiError(res);
      const data = await parse<TokenResponse>(res);
      setAccessToken(data.accessToken);
      return data;
    })().finally(() => {
      refreshInFlight = null;
    });
  }
  return refreshInFlight;
}

function expireSession(): void {
  if (sessionExpired) return;
  sessionExpired = true;
  accessToken = null;
  onSessionExpired();
}

/** Sends the request with the access token; on a 401, one refresh and one retry. Answers a 2xx response. */
async function authorizedFetch(path: string, options: RequestOptions, accept?: string): Promise<Response> {
  const url = buildUrl(path, options.query);
  const init: RequestInit = {
    method: options.method ?? 'GET',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    headers: accept ? { Accept: accept } : undefined,
  };
  const tokenUsed = accessToken;
  let res = await send(url, init, tokenUsed, options.onUploadProgress);

  if (res.status === 401 && !options.skipRefresh) {
    if (sessionExpired) throw await toApiError(res);
    // Another request may already have refreshed while this one was in flight: then just retry.
    if (accessToken === tokenUsed || accessToken === null) {
      try {
        await refreshSession();
      } catch (e) {
        expireSession();
        throw isApiError(e) ? e : await toApiError(res);
      }
    }
    res = await send(url, init, accessToken, options.onUploadProgress);
    if (res.status === 401) {
      const err = await toApiError(res);
      expireSession();
      throw err;
    }
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return parse<T>(await authorizedFetch(path, options));
}

export interface Download {
  blob: Blob;
  /** From the Content-Disposition header, when the server named the file. */
  filename: string | null;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? null) : null;
}

/**
 * A file from the API (a CSV export): the same bearer token, refresh and errors as apiRequest,
 * answered as a Blob (a plain link would carry no token).
 */
export async function apiDownload(path: string, options: Omit<RequestOptions, 'body'> & { accept?: string } = {}): Promise<Download> {
  const res = await authorizedFetch(path, options, options.accept ?? '*/*');
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('Content-Disposition')) };
}

/** Tests only. */
export function resetApiClient(): void {
  accessToken = null;
  refreshInFlight = null;
  sessionExpired = false;
  onSessionExpired = () => authStore.setAnonymous();
}

/** Checked against docs/api/openapi.yaml by `tsc --noEmit` (see lib/api-contract). */
export type ApiClientContract = [AssertReads<TokenResponse, TokensBody>, AssertReads<ErrorBody, Schema<'Error'> | Schema<'AmbiguousKeyError'>>];
