import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { authStore } from '@/lib/auth-store';
import { apiError, http, HttpResponse, server } from '@/test/server';
import { AppRoutes } from './app-routes';
import { AppProviders, createQueryClient } from './providers';

const admin = { id: 'u1', name: '田中', email: 'tanaka@example.com', role: 'Admin' as const, organization: { id: 'o1', name: 'Acme' } };

/** Records every location the router goes to. */
function LocationLog({ log }: { log: string[] }) {
  const location = useLocation();
  useEffect(() => {
    log.push(location.pathname);
  }, [location, log]);
  return null;
}

function renderApp(route: string, log: string[]) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  render(
    <AppProviders queryClient={client}>
      <MemoryRouter initialEntries={[route]}>
        <LocationLog log={log} />
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return client;
}

/** Resolves once the app has nothing in flight: no query fetching, no mutation pending. */
async function settled(client: ReturnType<typeof createQueryClient>) {
  await waitFor(() => expect(client.isFetching() + client.isMutating()).toBe(0));
}

describe('app start and session expiry (R-A3, R-A5)', () => {
  it('a fresh installation goes to the onboarding wizard without trying to refresh', async () => {
    let refreshCalls = 0;
    server.use(
      http.get('/api/v1/setup', () => HttpResponse.json({ needed: true, anthropicConfigured: false, demo: false })),
      http.post('/api/v1/auth/refresh', () => ((refreshCalls += 1), apiError(401, 'unauthenticated'))),
    );
    const log: string[] = [];
    renderApp('/', log);
    expect(await screen.findByRole('heading', { name: '初期設定' })).toBeInTheDocument();
    expect(log.at(-1)).toBe('/setup');
    expect(refreshCalls).toBe(0);
  });

  it('no session cookie: one refresh, then /login exactly once', async () => {
    let refreshCalls = 0;
    server.use(
      http.get('/api/v1/setup', () => HttpResponse.json({ needed: false, anthropicConfigured: true, demo: false })),
      http.post('/api/v1/auth/refresh', () => ((refreshCalls += 1), apiError(401, 'unauthenticated'))),
    );
    const log: string[] = [];
    const client = renderApp('/users', log);
    expect(await screen.findByRole('button', { name: 'ログイン' })).toBeInTheDocument();
    await waitFor(() => expect(authStore.get().status).toBe('anonymous'));
    await settled(client);
    expect(refreshCalls).toBe(1);
    expect(log.filter((p) => p === '/login')).toHaveLength(1);
  });

  it('a refresh that fails mid-session lands on /login exactly once, with no 401 storm', async () => {
    let refreshCalls = 0;
    let orgCalls = 0;
    server.use(
      http.get('/api/v1/setup', () => HttpResponse.json({ needed: false, anthropicConfigured: true, demo: false })),
      http.post('/api/v1/auth/refresh', () => {
        refreshCalls += 1;
        // The first refresh (app start) restores the session; the next one finds it revoked.
        return refreshCalls === 1 ? HttpResponse.json({ accessToken: 'a1', expiresIn: 900, user: admin }) : apiError(401, 'unauthenticated');
      }),
      http.get('/api/v1/dashboard', () => {
        orgCalls += 1;
        return apiError(401, 'unauthenticated');
      }),
      // The organization cards' cost (this month and last) fails the same way, at the same time.
      http.get('/api/v1/usage', () => apiError(401, 'unauthenticated')),
    );
    const log: string[] = [];
    const client = renderApp('/', log);
    expect(await screen.findByRole('button', { name: 'ログイン' })).toBeInTheDocument();
    await waitFor(() => expect(refreshCalls).toBe(2));
    await waitFor(() => expect(authStore.get().status).toBe('anonymous'));
    await settled(client);
    expect(refreshCalls).toBe(2);
    expect(orgCalls).toBe(1);
    expect(log.filter((p) => p === '/login')).toHaveLength(1);
    expect(authStore.get().status).toBe('anonymous');
  });

  it('a restored session shows the dashboard with the tabs of the role', async () => {
    server.use(
      http.get('/api/v1/setup', () => HttpResponse.json({ needed: false, anthropicConfigured: true, demo: false })),
      http.post('/api/v1/auth/refresh', () => HttpResponse.json({ accessToken: 'a1', expiresIn: 900, user: admin })),
      http.get('/api/v1/dashboard', () =>
        HttpResponse.json({
          user: { name: admin.name, email: admin.email, role: 'Admin' },
          organizations: [{ id: 'o1', name: 'Acme', memberCount: 3, workspaceCount: 2, archivedWorkspaceCount: 0, apiKeyCount: 4 }],
          counts: { organizations: 1, users: 3, workspaces: 2, apiKeys: 4 },
          lastSync: {
            id: 's1',
            status: 'succeeded',
            startedAt: '2025-03-24T00:00:00Z',
            finishedAt: '2025-03-24T00:00:01Z',
            workspaces: 2,
            apiKeys: 4,
            vanished: 0,
            error: null,
          },
          alerts: [
            {
              type: 'key_drift',
              user: { id: 'u9', name: '鈴木', email: 'suzuki@example.com' },
              organizationId: 'o1',
              apiKey: { id: 'apikey_01x', name: 'k', hint: 'sk-ant-api03-abc...wxAA', status: 'inactive' },
            },
          ],
        }),
      ),
      http.get('/api/v1/usage', () => HttpResponse.json({ groups: [{ key: 'o1', label: 'Acme', totals: { costCents: '1234.5' }, days: [] }] })),
    );
    const log: string[] = [];
    renderApp('/', log);
    expect(await screen.findByRole('heading', { name: 'ようこそ、田中さん' })).toBeInTheDocument();
    expect(await screen.findByTestId('organization-card')).toHaveTextContent('Acme');
    // The card opens its organization's page.
    const card = screen.getByRole('link', { name: /^Acme/ });
    expect(card).toHaveAttribute('href', '/organizations/o1');
    expect(card).toHaveAccessibleDescription('Acme を開く');
    expect(screen.getByTestId('dashboard-last-sync')).toHaveTextContent('完了');
    expect(await screen.findByTestId('organization-cost-amount')).toHaveTextContent('$12.35');
    expect(screen.getByTestId('drift-alerts')).toHaveTextContent('鈴木 (suzuki@example.com): apikey_01x: sk-ant-api03-abc...wxAA は「無効」です');
    expect(screen.getByRole('link', { name: 'ユーザー管理' })).toBeInTheDocument();
    await waitFor(() => expect(log).toEqual(['/']));
  });

  it("a SuperAdmin's organization card opens that organization's page", async () => {
    const root = { id: 'root', name: '管理者', email: 'root@example.com', role: 'SuperAdmin' as const, organization: null };
    const beta = { id: 'org_b', name: 'Beta', memberCount: 1, workspaceCount: 1, archivedWorkspaceCount: 2, apiKeyCount: 1 };
    server.use(
      http.get('/api/v1/setup', () => HttpResponse.json({ needed: false, anthropicConfigured: true, demo: false })),
      http.post('/api/v1/auth/refresh', () => HttpResponse.json({ accessToken: 'a1', expiresIn: 900, user: root })),
      http.get('/api/v1/dashboard', () =>
        HttpResponse.json({
          user: { name: root.name, email: root.email, role: 'SuperAdmin' },
          organizations: [{ id: 'o1', name: 'Acme', memberCount: 3, workspaceCount: 2, archivedWorkspaceCount: 0, apiKeyCount: 4 }, beta],
          counts: { organizations: 2, users: 4, workspaces: 3, apiKeys: 5 },
          lastSync: null,
          alerts: [],
        }),
      ),
      http.get('/api/v1/usage', () => HttpResponse.json({ groups: [] })),
      http.get('/api/v1/organizations/org_b', () => HttpResponse.json({ ...beta, description: 'ベータ社', createdAt: '2025-03-24T00:00:00Z' })),
      http.get('/api/v1/organizations/org_b/limits', () =>
        HttpResponse.json({
          organizationId: 'org_b',
          spendLimitsAvailable: true,
          spendLimitsUnavailableReason: null,
          organizationLimits: [],
          workspaces: [],
          drift: [],
        }),
      ),
    );
    const log: string[] = [];
    renderApp('/', log);
    const card = await screen.findByRole('link', { name: /^Beta/ });
    expect(card).toHaveAttribute('href', '/organizations/org_b');
    expect(card).toHaveAccessibleDescription('Beta を開く');
    expect(screen.getByRole('link', { name: /^Acme/ })).toHaveAttribute('href', '/organizations/o1');
    await userEvent.setup().click(card);
    expect(await screen.findByRole('heading', { level: 1, name: 'Beta' })).toBeInTheDocument();
    expect(screen.getByText('ベータ社')).toBeInTheDocument();
    expect(log.at(-1)).toBe('/organizations/org_b');
  });

  it('a generated password is changed first: a common one is refused on its field, then the dashboard opens', async () => {
    let changes = 0;
    server.use(
      http.get('/api/v1/setup', () => HttpResponse.json({ needed: false, anthropicConfigured: true, demo: false })),
      http.post('/api/v1/auth/refresh', () => HttpResponse.json({ accessToken: 'a1', expiresIn: 900, user: { ...admin, mustChangePassword: true } })),
      http.post('/api/v1/me/password', async ({ request }) => {
        changes += 1;
        const body = (await request.json()) as { newPassword: string };
        if (body.newPassword === 'Password2024!!') {
          return HttpResponse.json(
            { error: { code: 'password_too_common', message: 'leaked', details: { field: 'password' } }, requestId: 'r' },
            { status: 400 },
          );
        }
        return new HttpResponse(null, { status: 204 });
      }),
      http.get('/api/v1/dashboard', () =>
        HttpResponse.json({
          user: { name: admin.name, email: admin.email, role: 'Admin' },
          organizations: [],
          counts: { organizations: 0, users: 0, workspaces: 0, apiKeys: 0 },
          lastSync: null,
          alerts: [],
        }),
      ),
      http.get('/api/v1/usage', () => HttpResponse.json({ groups: [] })),
    );
    const log: string[] = [];
    renderApp('/users', log);
    expect(await screen.findByRole('heading', { name: 'パスワードを変更してください' })).toBeInTheDocument();
    expect(log.at(-1)).toBe('/change-password');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('現在のパスワード'), 'Generated-Pass-123');
    await user.type(screen.getByLabelText('新しいパスワード'), 'Password2024!!');
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'Password2024!!');
    await user.click(screen.getByRole('button', { name: 'パスワードを変更' }));
    expect(await screen.findByText('このパスワードは流出したパスワードの一覧に載っているため使えません。別のパスワードにしてください。')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('新しいパスワード'));
    await user.type(screen.getByLabelText('新しいパスワード'), 'my own long secret 7');
    await user.clear(screen.getByLabelText('新しいパスワード（確認）'));
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'my own long secret 7');
    await user.click(screen.getByRole('button', { name: 'パスワードを変更' }));
    expect(await screen.findByRole('heading', { name: 'ようこそ、田中さん' })).toBeInTheDocument();
    expect(changes).toBe(2);
    expect(authStore.get().user?.mustChangePassword).toBe(false);
  });
});
