import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { http, HttpResponse, server } from '@/test/server';
import type { Organization } from '../api/organizations-api';
import { OrganizationsPage } from './organizations-page';

function org(i: number, over: Partial<Organization> = {}): Organization {
  return {
    id: `org_${i}`,
    name: `組織 ${i}`,
    description: '',
    memberCount: 1,
    workspaceCount: 1,
    archivedWorkspaceCount: 0,
    apiKeyCount: 0,
    createdAt: '2025-03-24T00:00:00Z',
    ...over,
  };
}

let search = '';
function LocationProbe() {
  search = decodeURIComponent(useLocation().search.replace(/^\?/, ''));
  return null;
}

/** `items` paged by offset cursors and searched by `q` (name or id); every request is kept. */
function serve(items: Organization[]) {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/organizations', ({ request }) => {
      const p = new URL(request.url).searchParams;
      requests.push(p);
      const q = (p.get('q') ?? '').toLowerCase();
      const matching = items.filter((o) => o.name.toLowerCase().includes(q) || o.id.includes(q));
      const from = Number(p.get('cursor') ?? 0);
      const limit = Number(p.get('limit'));
      return HttpResponse.json({
        items: matching.slice(from, from + limit),
        nextCursor: from + limit < matching.length ? String(from + limit) : null,
        total: matching.length,
      });
    }),
  );
  return requests;
}

beforeEach(() => {
  search = '';
  authStore.setAuthenticated({ id: 'root', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
});

describe('OrganizationsPage', () => {
  it('searches on the server: the request carries q and starts again at the first page', async () => {
    const requests = serve(Array.from({ length: 60 }, (_, i) => org(i, i === 42 ? { name: 'Acme 商事' } : {})));
    renderWithProviders(
      <>
        <OrganizationsPage />
        <LocationProbe />
      </>,
    );
    expect(await screen.findByText('組織 0')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByText('組織 25')).toBeInTheDocument();
    expect(search).toBe('cursor=25');

    await user.type(screen.getByRole('searchbox', { name: '検索' }), 'acme');
    await waitFor(() => expect(requests[requests.length - 1].get('q')).toBe('acme'));
    expect(requests[requests.length - 1].get('cursor')).toBeNull();
    expect(await screen.findByText('全 1 件')).toBeInTheDocument();
    expect(screen.getByText('Acme 商事')).toBeInTheDocument();
    expect(screen.queryByText('組織 25')).not.toBeInTheDocument();
    expect(search).toBe('q=acme');
  });

  it('counts the workspaces the list shows and says how many more are archived', async () => {
    serve([org(1, { name: 'テスト商事', workspaceCount: 2, archivedWorkspaceCount: 3 }), org(2, { name: '株式会社サンプル', workspaceCount: 4 })]);
    renderWithProviders(<OrganizationsPage />);
    const row = (await screen.findByText('テスト商事')).closest('tr') as HTMLElement;
    expect(within(row).getByText('2 （+3 件アーカイブ済み）')).toBeInTheDocument();
    const other = screen.getByText('株式会社サンプル').closest('tr') as HTMLElement;
    expect(other).not.toHaveTextContent('アーカイブ済み');
  });

  it('shows a taken organization name on the name field, not as a generic conflict', async () => {
    serve([]);
    server.use(
      http.post('/api/v1/organizations', () =>
        HttpResponse.json(
          {
            error: { code: 'organization_name_taken', message: 'an organization named テスト商事 already exists', details: { field: 'name' } },
            requestId: 'r1',
          },
          { status: 409 },
        ),
      ),
    );
    renderWithProviders(<OrganizationsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '組織を作成' }));
    const dialog = screen.getByRole('dialog', { name: '組織を作成' });
    await user.type(within(dialog).getByLabelText('組織名'), 'テスト商事');
    await user.click(within(dialog).getByRole('button', { name: '作成' }));
    await waitFor(() => expect(within(dialog).getByLabelText('組織名')).toHaveAccessibleDescription('この組織名は既に使われています。'));
    expect(within(dialog).getByLabelText('組織名')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(dialog).not.toHaveTextContent('他のデータと競合しています');
  });
});
