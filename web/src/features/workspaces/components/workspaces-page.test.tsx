import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { fixedPicker } from '@/test/pickers';
import { renderWithProviders } from '@/test/render';
import { http, HttpResponse, server } from '@/test/server';
import type { Workspace } from '../api/workspaces-api';
import { WorkspacesPage } from './workspaces-page';

const orgs = [{ id: 'org_1', name: 'テスト商事' }];

function workspace(i: number, over: Partial<Workspace> = {}): Workspace {
  return {
    id: `wrkspc_${i}`,
    name: `ws-${i}`,
    displayColor: '#6C5BB9',
    organizationId: 'org_1',
    organizationName: 'テスト商事',
    createdAt: '2025-03-24T00:00:00Z',
    archivedAt: null,
    apiKeyCount: 0,
    ...over,
  };
}

let search = '';
function LocationProbe() {
  search = decodeURIComponent(useLocation().search.replace(/^\?/, ''));
  return null;
}

describe('WorkspacesPage', () => {
  it('searches on the server with its filters: the request carries q and starts again at the first page', async () => {
    const all = Array.from({ length: 40 }, (_, i) => workspace(i, i === 33 ? { name: 'Marketing' } : {}));
    const requests: URLSearchParams[] = [];
    server.use(
      http.get('/api/v1/workspaces', ({ request }) => {
        const p = new URL(request.url).searchParams;
        requests.push(p);
        const q = (p.get('q') ?? '').toLowerCase();
        const matching = all.filter((w) => w.name.toLowerCase().includes(q) || w.id.includes(q));
        const from = Number(p.get('cursor') ?? 0);
        const limit = Number(p.get('limit'));
        return HttpResponse.json({
          items: matching.slice(from, from + limit),
          nextCursor: from + limit < matching.length ? String(from + limit) : null,
          total: matching.length,
        });
      }),
    );
    authStore.setAuthenticated({ id: 'root', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
    renderWithProviders(
      <>
        <WorkspacesPage renderOrganizationPicker={fixedPicker(orgs)} />
        <LocationProbe />
      </>,
      { route: '/workspaces?includeArchived=true&cursor=25' },
    );
    expect(await screen.findByText('ws-25')).toBeInTheDocument();

    await userEvent.setup().type(screen.getByRole('searchbox', { name: '検索' }), 'market');
    await waitFor(() => expect(requests[requests.length - 1].get('q')).toBe('market'));
    const last = requests[requests.length - 1];
    expect(last.get('cursor')).toBeNull();
    expect(last.get('includeArchived')).toBe('true');
    expect(await screen.findByText('全 1 件')).toBeInTheDocument();
    expect(screen.getByText('Marketing')).toBeInTheDocument();
    expect(screen.queryByText('ws-25')).not.toBeInTheDocument();
    expect(search).toBe('includeArchived=true&q=market');
  });
});
