import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authStore } from './auth-store';
import { ApiError, apiDownload, apiRequest, getAccessToken, setAccessToken, setSessionExpiredHandler, type UploadProgress } from './api-client';
import { FakeXhr } from '@/test/fake-xhr';
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

describe('api-client: a request that reports its upload (XMLHttpRequest)', () => {
  const until = async (cond: () => boolean) => vi.waitFor(() => expect(cond()).toBe(true));

  describe('with a fake XMLHttpRequest', () => {
    beforeEach(() => {
      FakeXhr.reset();
      vi.stubGlobal('XMLHttpRequest', FakeXhr);
    });
    afterEach(() => vi.unstubAllGlobals());

    it('sends what apiRequest sends (method, JSON body, CSRF header, bearer token, cookies) and reports the bytes sent', async () => {
      const seen: UploadProgress[] = [];
      setAccessToken('tok-1');
      const answer = apiRequest<{ ok: boolean }>('/things', { method: 'POST', body: { a: 'é' }, onUploadProgress: (p) => seen.push(p) });
      await until(() => FakeXhr.sent.length === 1);
      const xhr = FakeXhr.sent[0];
      expect(xhr.method).toBe('POST');
      expect(xhr.url).toBe('/api/v1/things');
      expect(xhr.body).toBe('{"a":"é"}');
      expect(xhr.withCredentials).toBe(true);
      expect(xhr.headers).toEqual({
        accept: 'application/json',
        'content-type': 'application/json',
        'x-requested-with': 'XMLHttpRequest',
        authorization: 'Bearer tok-1',
      });
      xhr.progress(4, 10);
      xhr.progress(10, 10);
      xhr.uploaded();
      xhr.respond(200, { ok: true });
      await expect(answer).resolves.toEqual({ ok: true });
      expect(seen).toEqual([
        { loaded: 4, total: 10 },
        { loaded: 10, total: 10 },
        { loaded: 10, total: 10 },
      ]);
    });

    it('turns an error answer into the same ApiError as fetch does (413, and 400 with the server message)', async () => {
      const tooBig = apiRequest('/imports', { method: 'POST', body: {}, onUploadProgress: () => {} }).catch((e: unknown) => e);
      await until(() => FakeXhr.sent.length === 1);
      FakeXhr.sent[0].respond(413, { error: { code: 'payload_too_large', message: 'request body over 67108864 bytes' }, requestId: 'req-1' });
      expect(await tooBig).toMatchObject({ status: 413, code: 'payload_too_large', message: 'request body over 67108864 bytes', requestId: 'req-1' });
      expect(await tooBig).toBeInstanceOf(ApiError);

      // No JSON body: the code comes from the status, the request id from the header.
      const bare = apiRequest('/imports', { method: 'POST', body: {}, onUploadProgress: () => {} }).catch((e: unknown) => e);
      await until(() => FakeXhr.sent.length === 2);
      FakeXhr.sent[1].respond(413, undefined, { 'X-Request-Id': 'req-2' }, 'Payload Too Large');
      expect(await bare).toMatchObject({ status: 413, code: 'payload_too_large', message: 'Payload Too Large', requestId: 'req-2' });

      const broken = apiRequest('/imports', { method: 'POST', body: {}, onUploadProgress: () => {} }).catch((e: unknown) => e);
      await until(() => FakeXhr.sent.length === 3);
      FakeXhr.sent[2].respond(400, { error: { code: 'invalid_export', message: 'simpleusers.json line 2: not valid JSON' }, requestId: 'req-3' });
      expect(await broken).toMatchObject({ status: 400, code: 'invalid_export', message: 'simpleusers.json line 2: not valid JSON' });
    });

    it('on a 401 refreshes once and sends the body again with the new token, reporting that upload too', async () => {
      let refreshCalls = 0;
      server.use(http.post('/api/v1/auth/refresh', () => ((refreshCalls += 1), HttpResponse.json({ accessToken: 'fresh', expiresIn: 900 }))));
      const seen: UploadProgress[] = [];
      setAccessToken('stale');
      const answer = apiRequest('/imports', { method: 'POST', body: { x: 1 }, onUploadProgress: (p) => seen.push(p) });
      await until(() => FakeXhr.sent.length === 1);
      FakeXhr.sent[0].progress(7, 7);
      FakeXhr.sent[0].respond(401, { error: { code: 'unauthenticated', message: 'expired' } });
      await until(() => FakeXhr.sent.length === 2);
      expect(refreshCalls).toBe(1);
      expect(FakeXhr.sent[1].headers.authorization).toBe('Bearer fresh');
      expect(FakeXhr.sent[1].body).toBe('{"x":1}');
      FakeXhr.sent[1].progress(3, 7);
      FakeXhr.sent[1].respond(200, { done: true });
      await expect(answer).resolves.toEqual({ done: true });
      expect(seen).toEqual([
        { loaded: 7, total: 7 },
        { loaded: 3, total: 7 },
      ]);
    });

    it('maps a network failure to network_error and an abort to AbortError', async () => {
      const down = apiRequest('/imports', { method: 'POST', body: {}, onUploadProgress: () => {} });
      await until(() => FakeXhr.sent.length === 1);
      FakeXhr.sent[0].fail();
      await expect(down).rejects.toMatchObject({ status: 0, code: 'network_error' });

      const controller = new AbortController();
      const aborted = apiRequest('/imports', { method: 'POST', body: {}, signal: controller.signal, onUploadProgress: () => {} });
      await until(() => FakeXhr.sent.length === 2);
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  it('works against a real server (msw answering the browser XMLHttpRequest)', async () => {
    let received: { headers: Headers; body: unknown; credentials: string } | null = null;
    server.use(
      http.post('/api/v1/imports', async ({ request }) => {
        received = { headers: request.headers, body: await request.json(), credentials: request.credentials };
        return HttpResponse.json({ imported: 2 }, { headers: { 'X-Request-Id': 'req-x' } });
      }),
    );
    setAccessToken('tok-9');
    const seen: UploadProgress[] = [];
    await expect(apiRequest('/imports', { method: 'POST', body: { files: { 'a.json': '{}' } }, onUploadProgress: (p) => seen.push(p) })).resolves.toEqual({
      imported: 2,
    });
    expect(received!.body).toEqual({ files: { 'a.json': '{}' } });
    expect(received!.headers.get('Authorization')).toBe('Bearer tok-9');
    expect(received!.headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(received!.headers.get('Content-Type')).toBe('application/json');
    expect(received!.credentials).toBe('include');
    // The upload ends with the whole body sent: '{"files":{"a.json":"{}"}}' is 25 bytes.
    expect(seen.at(-1)).toEqual({ loaded: 25, total: 25 });
  });
});
