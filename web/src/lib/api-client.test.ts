import { describe, expect, it, vi } from 'vitest';
import { authStore } from './auth-store';
import { ApiError, apiDownload, apiRequest, getAccessToken, setAccessToken, setSessionExpiredHandler } from './api-client';
import { apiError, http, HttpResponse, server } from '@/test/server';

const user = { id: 'u1', name: '田中', email: 'tanaka@example.com', role: 'User' as const };

describe('api-client', () => {
  it('turns the server error shape into an ApiError with code, message and request id', async () => {
    server.use(http.get('/api/v1/things', () => apiError(409, 'conflict', 'already there')));
    const err = await apiRequest('/things').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'conflict', message: 'already there', requestId: 'req-test' });
  });

  it('sends the CSRF header and the bearer token on every request', async () => {
    let headers: Headers | null = null;
    server.use(
      http.post('/api/v1/things', ({ request }) => {
        headers = request.headers;
        return HttpResponse.json({ ok: true });
      }),
    );
    setAccessToken('tok-1');
    await apiRequest('/things', { method: 'POST', body: {} });
    expect(headers!.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(headers!.get('Authorization')).toBe('Bearer tok-1');
  });

  it('three concurrent 401s cause exactly one refresh, then each request is retried once', async () => {
    let refreshCalls = 0;
    let calls = 0;
    // The refresh answers only once all three requests have had their 401, so that they overlap.
    let allRefused: () => void = () => {};
    const refused = new Promise<void>((resolve) => (allRefused = resolve));
    server.use(
      http.post('/api/v1/auth/refresh', async ({ request }) => {
        refreshCalls += 1;
        expect(request.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
        expect(request.credentials).toBe('include');
        await refused;
        return HttpResponse.json({ accessToken: 'fresh', expiresIn: 900 });
      }),
      http.get('/api/v1/things/:n', ({ request, params }) => {
        calls += 1;
        if (calls >= 3) allRefused();
        if (request.headers.get('Authorization') !== 'Bearer fresh') return apiError(401, 'unauthenticated');
        return HttpResponse.json({ n: params.n });
      }),
    );
    setAccessToken('stale');
    const results = await Promise.all([apiRequest('/things/1'), apiRequest('/things/2'), apiRequest('/things/3')]);
    expect(results).toEqual([{ n: '1' }, { n: '2' }, { n: '3' }]);
    expect(refreshCalls).toBe(1);
    expect(calls).toBe(6);
    expect(getAccessToken()).toBe('fresh');
  });

  it('a failed refresh clears the session exactly once and never retries in a loop', async () => {
    let refreshCalls = 0;
    let calls = 0;
    const expired = vi.fn(() => authStore.setAnonymous());
    setSessionExpiredHandler(expired);
    authStore.setAuthenticated(user);
    server.use(
      http.post('/api/v1/auth/refresh', () => {
        refreshCalls += 1;
        return apiError(401, 'unauthenticated');
      }),
      http.get('/api/v1/things/:n', () => {
        calls += 1;
        return apiError(401, 'unauthenticated');
      }),
    );
    setAccessToken('stale');
    const results = await Promise.allSettled([apiRequest('/things/1'), apiRequest('/things/2'), apiRequest('/things/3')]);
    expect(results.every((r) => r.status === 'rejected' && (r.reason as ApiError).status === 401)).toBe(true);
    expect(refreshCalls).toBe(1);
    expect(calls).toBe(3);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(authStore.get()).toEqual({ status: 'anonymous', user: null });
    expect(getAccessToken()).toBeNull();

    // A later request after expiry gets its 401 without another refresh or handler call.
    await expect(apiRequest('/things/4')).rejects.toMatchObject({ status: 401 });
    expect(refreshCalls).toBe(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('login-type requests (skipRefresh) never trigger a refresh', async () => {
    let refreshCalls = 0;
    server.use(
      http.post('/api/v1/auth/refresh', () => {
        refreshCalls += 1;
        return apiError(401, 'unauthenticated');
      }),
      http.post('/api/v1/auth/login', () => apiError(401, 'unauthenticated', 'bad credentials')),
    );
    await expect(apiRequest('/auth/login', { method: 'POST', body: {}, skipRefresh: true })).rejects.toMatchObject({ status: 401 });
    expect(refreshCalls).toBe(0);
  });

  it('reads Retry-After on 429 and maps a network failure to network_error', async () => {
    server.use(
      http.get('/api/v1/slow', () => apiError(429, 'rate_limited', 'slow down', { 'Retry-After': '30' })),
      http.get('/api/v1/down', () => HttpResponse.error()),
    );
    await expect(apiRequest('/slow')).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 30 });
    await expect(apiRequest('/down')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('downloads a file with the bearer token (refreshed once on a 401), named by Content-Disposition', async () => {
    let refreshCalls = 0;
    const seen: { auth: string | null; accept: string | null; query: string }[] = [];
    server.use(
      http.post('/api/v1/auth/refresh', () => ((refreshCalls += 1), HttpResponse.json({ accessToken: 'fresh', expiresIn: 900 }))),
      http.get('/api/v1/report', ({ request }) => {
        seen.push({ auth: request.headers.get('Authorization'), accept: request.headers.get('Accept'), query: new URL(request.url).search });
        if (request.headers.get('Authorization') !== 'Bearer fresh') return apiError(401, 'unauthenticated');
        return new HttpResponse('\uFEFFa,b\r\n1,2\r\n', {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="report-2025.csv"' },
        });
      }),
    );
    setAccessToken('stale');
    const file = await apiDownload('/report', { query: { format: 'csv', empty: '' }, accept: 'text/csv' });
    expect(file.filename).toBe('report-2025.csv');
    expect(await file.blob.text()).toContain('1,2');
    expect(refreshCalls).toBe(1);
    expect(seen).toEqual([
      { auth: 'Bearer stale', accept: 'text/csv', query: '?format=csv' },
      { auth: 'Bearer fresh', accept: 'text/csv', query: '?format=csv' },
    ]);
  });

  it('a failed download is an ApiError; a file without a name has none', async () => {
    server.use(
      http.get('/api/v1/bad', () => apiError(400, 'invalid_request', 'from: a date YYYY-MM-DD')),
      http.get('/api/v1/plain', () => new HttpResponse('x')),
    );
    setAccessToken('tok');
    await expect(apiDownload('/bad')).rejects.toMatchObject({ status: 400, code: 'invalid_request', message: 'from: a date YYYY-MM-DD' });
    expect((await apiDownload('/plain')).filename).toBeNull();
  });
});
