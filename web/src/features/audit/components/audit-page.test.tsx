import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { http, HttpResponse, server } from '@/test/server';
import type { AuditEvent } from '../api/audit-api';
import { AuditPage } from './audit-page';

function event(over: Partial<AuditEvent>): AuditEvent {
  return {
    id: 'aud_1',
    actorId: 'usr_a',
    actorName: '青木',
    action: 'user.update',
    targetType: 'user',
    targetId: 'usr_x',
    targetName: '伊藤 (ito@example.jp)',
    organizationId: null,
    organizationName: null,
    requestId: 'r',
    details: {},
    detailNames: {},
    hiddenDetails: [],
    createdAt: '2025-03-24T00:00:00Z',
    ...over,
  };
}

describe('AuditPage', () => {
  it('names the actors, offers the actors of the page as a filter and filters on the server', async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      http.get('/api/v1/audit', ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        const items = [
          event({ id: 'aud_2', actorId: 'usr_b', actorName: '馬場', action: 'auth.login' }),
          event({
            details: { apiKeyId: 'apikey_01X', previousApiKeyId: null, deactivateKey: false },
            detailNames: { apiKeyId: '営業キー (sk-ant-api03-abc...wxyz)' },
          }),
          event({
            id: 'aud_3',
            action: 'workspace.update',
            targetType: 'workspace',
            targetId: 'wrkspc_1',
            targetName: '開発',
            details: { organizationId: 'org_b', previousOrganizationId: null },
            detailNames: { organizationId: 'Beta' },
            hiddenDetails: ['previousOrganizationId'],
          }),
          event({ id: 'aud_0', actorId: null, actorName: null, action: 'anthropic.sync', targetType: 'settings', targetId: 'anthropic', targetName: null }),
        ];
        const shown = params.get('actorId') ? items.filter((e) => e.actorId === params.get('actorId')) : items;
        return HttpResponse.json({ items: shown, nextCursor: 'aud_0', total: 130 });
      }),
    );
    renderWithProviders(<AuditPage />);
    expect(await screen.findByText('全 130 件')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '馬場' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'システム' })).toBeInTheDocument();
    // It reads like a sentence: translated actions, targets by name, details in words.
    expect(screen.getAllByText('ユーザー変更').length).toBeGreaterThan(0);
    expect(screen.getAllByText('伊藤 (ito@example.jp)').length).toBeGreaterThan(0);
    expect(screen.getByText('ログイン')).toBeInTheDocument();
    expect(screen.getByText('割り当てたAPIキー', { exact: false })).toBeInTheDocument();
    // Objects named by id read by name, with the id on hover; one outside the organization says so.
    expect(screen.getByText('営業キー (sk-ant-api03-abc...wxyz)')).toBeInTheDocument();
    expect(screen.queryByText('apikey_01X')).not.toBeInTheDocument();
    expect(screen.getByText('Beta')).toBeInTheDocument();
    expect(screen.getByText('他の組織（非表示）', { exact: false })).toBeInTheDocument();
    expect(screen.queryByText('user.update')).not.toBeInTheDocument();
    expect(requests[0].get('limit')).toBe('25');

    const u = userEvent.setup();
    await u.click(screen.getByRole('combobox', { name: '実行者' }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['すべて', '馬場', '青木']);
    await u.click(screen.getByRole('option', { name: '青木' }));
    await waitFor(() => expect(requests.at(-1)?.get('actorId')).toBe('usr_a'));
    expect(requests.at(-1)?.get('cursor')).toBeNull();

    await u.type(screen.getByLabelText('操作'), 'user.update');
    await waitFor(() => expect(requests.at(-1)?.get('action')).toBe('user.update'));
    await u.click(screen.getByRole('button', { name: '次へ' }));
    await waitFor(() => expect(requests.at(-1)?.get('cursor')).toBe('aud_0'));
    expect(requests.at(-1)?.get('actorId')).toBe('usr_a');
  });
});
