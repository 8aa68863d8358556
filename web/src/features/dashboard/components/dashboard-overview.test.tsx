import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { http, HttpResponse, server } from '@/test/server';
import type { Dashboard } from '../api/dashboard-api';
import { percentChange } from './cost-trend';
import { DashboardOverview } from './dashboard-overview';

const TODAY = '2025-03-24';

const dashboard: Dashboard = {
  user: { name: '管理者', email: 'root@example.com', role: 'SuperAdmin' },
  organizations: [
    { id: 'org_a', name: 'Acme', memberCount: 3, workspaceCount: 2, archivedWorkspaceCount: 0, apiKeyCount: 4 },
    { id: 'org_b', name: 'Beta', memberCount: 1, workspaceCount: 1, archivedWorkspaceCount: 0, apiKeyCount: 1 },
    { id: 'org_c', name: 'Gamma', memberCount: 0, workspaceCount: 0, archivedWorkspaceCount: 0, apiKeyCount: 0 },
  ],
  counts: { organizations: 3, users: 4, workspaces: 3, apiKeys: 5 },
  lastSync: null,
  alerts: [],
  limitAlerts: [],
};

const day = (d: string, costCents: string) => ({ day: d, costCents });

function serve() {
  const asked: string[] = [];
  server.use(
    http.get('/api/v1/dashboard', () => HttpResponse.json(dashboard)),
    http.get('/api/v1/usage', ({ request }) => {
      const p = new URL(request.url).searchParams;
      asked.push(`${p.get('groupBy')} ${p.get('from')}..${p.get('to')}`);
      if (p.get('from') === '2025-03-01') {
        return HttpResponse.json({
          groups: [
            { key: 'org_a', label: 'Acme', totals: { costCents: '123456.785' }, days: [day('2025-03-01', '100000'), day('2025-03-24', '23456.785')] },
            { key: 'org_b', label: 'Beta', totals: { costCents: '880' }, days: [day('2025-03-10', '880')] },
            { key: null, label: '', totals: { costCents: '5' }, days: [day('2025-03-02', '5')] },
          ],
        });
      }
      return HttpResponse.json({
        groups: [
          { key: 'org_a', label: 'Acme', totals: { costCents: '110229.27' }, days: [] },
          { key: 'org_b', label: 'Beta', totals: { costCents: '1000' }, days: [] },
        ],
      });
    }),
  );
  return asked;
}

const card = (name: string) => screen.getAllByTestId('organization-card').find((c) => within(c).queryByRole('heading', { name })) as HTMLElement;

describe('DashboardOverview: cost on the organization cards', () => {
  it("shows this month's exact cost, a trend line and the change against the same days of last month", async () => {
    const asked = serve();
    renderWithProviders(<DashboardOverview showSync showCost today={TODAY} />);
    await screen.findAllByTestId('organization-cost');
    expect(asked.sort()).toEqual(['organization 2025-02-01..2025-02-24', 'organization 2025-03-01..2025-03-24']);

    const acme = card('Acme');
    expect(within(acme).getByTestId('organization-cost')).toHaveTextContent('今月の利用額');
    expect(within(acme).getByTestId('organization-cost-amount')).toHaveTextContent(/^\$1,234\.57$/);
    expect(within(acme).getByTestId('cost-sparkline')).toHaveAttribute('aria-hidden', 'true');
    // 24 days, one point each.
    expect(within(acme).getByTestId('cost-sparkline').querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(24);
    await waitFor(() => expect(within(acme).getByTestId('organization-cost-change')).toHaveTextContent('前月同期比 +12%'));

    const beta = card('Beta');
    expect(within(beta).getByTestId('organization-cost-amount')).toHaveTextContent(/^\$8\.80$/);
    expect(within(beta).getByTestId('organization-cost-change')).toHaveTextContent('前月同期比 −12%');

    // No usage at all: $0.00, and nothing to compare with.
    const gamma = card('Gamma');
    expect(within(gamma).getByTestId('organization-cost-amount')).toHaveTextContent(/^\$0\.00$/);
    expect(within(gamma).getByTestId('organization-cost-change')).toHaveTextContent('前月同期の利用なし');
  });

  it('asks nothing about usage when the cost is not shown (a User)', async () => {
    const asked = serve();
    renderWithProviders(<DashboardOverview showSync={false} today={TODAY} />);
    expect(await screen.findAllByTestId('organization-card')).toHaveLength(3);
    expect(screen.queryByTestId('organization-cost')).not.toBeInTheDocument();
    expect(asked).toEqual([]);
  });

  it('computes the change as a whole percentage', () => {
    expect(percentChange('112', '100')).toBe('+12%');
    expect(percentChange('88', '100')).toBe('−12%');
    expect(percentChange('100.4', '100')).toBe('±0%');
    expect(percentChange('5', '0')).toBeNull();
  });
});

describe('DashboardOverview: organization cards', () => {
  it('open the page the app names for each organization, and say how many workspaces are archived', async () => {
    server.use(
      http.get('/api/v1/dashboard', () =>
        HttpResponse.json({
          ...dashboard,
          organizations: [dashboard.organizations[0], { ...dashboard.organizations[1], archivedWorkspaceCount: 3 }],
        }),
      ),
    );
    renderWithProviders(<DashboardOverview showSync={false} organizationHref={(id) => `/organizations/${id}`} today={TODAY} />);
    expect(await screen.findAllByTestId('organization-card')).toHaveLength(2);
    expect(within(card('Acme')).getByRole('link')).toHaveAttribute('href', '/organizations/org_a');
    expect(within(card('Beta')).getByRole('link')).toHaveAttribute('href', '/organizations/org_b');
    // The count is what the workspace list shows; the archived ones are named beside it.
    expect(within(card('Beta')).getByText('（+3 件アーカイブ済み）')).toBeInTheDocument();
    expect(card('Acme')).not.toHaveTextContent('アーカイブ済み');
  });
});

describe('DashboardOverview: limits changed in the Console', () => {
  it('names each organization and how many limits differ, and leads to its page', async () => {
    server.use(
      http.get('/api/v1/dashboard', () =>
        HttpResponse.json({ ...dashboard, limitAlerts: [{ organizationId: 'org_a', organizationName: 'Acme', changes: 2 }] }),
      ),
    );
    renderWithProviders(<DashboardOverview showSync organizationHref={(id) => `/organizations/${id}`} today={TODAY} />);
    const alert = await screen.findByTestId('limit-alerts');
    expect(alert).toHaveTextContent('Console で変更された上限があります（1 組織）');
    const link = within(alert).getByRole('link', { name: 'Acme: 2 件の上限がポータルで設定した値と違います' });
    expect(link).toHaveAttribute('href', '/organizations/org_a');
  });

  it('shows nothing when no limit differs', async () => {
    server.use(http.get('/api/v1/dashboard', () => HttpResponse.json(dashboard)));
    renderWithProviders(<DashboardOverview showSync today={TODAY} />);
    await screen.findAllByTestId('organization-card');
    expect(screen.queryByTestId('limit-alerts')).not.toBeInTheDocument();
  });
});
