import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { http, HttpResponse, server } from '@/test/server';
import type { Organization } from '../api/organizations-api';
import { DeleteOrganizationDialog } from './organizations-page';

const org: Organization = {
  id: 'org_1',
  name: 'テスト商事',
  description: '',
  memberCount: 3,
  workspaceCount: 1,
  archivedWorkspaceCount: 1,
  apiKeyCount: 5,
  createdAt: '2025-03-24T00:00:00Z',
};

describe('DeleteOrganizationDialog (R-O4)', () => {
  it('states what happens to users, keys and workspaces, offers archiving, then shows the server report', async () => {
    let url: URL | null = null;
    server.use(
      http.delete('/api/v1/organizations/:id', ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ usersDisabled: 3, sessionsRevoked: 4, keysUnassigned: 2, workspacesUnlinked: 2, workspacesArchived: 2 });
      }),
    );
    renderWithProviders(<DeleteOrganizationDialog organization={org} onClose={() => {}} />);
    expect(screen.getByRole('heading', { name: '組織「テスト商事」を削除しますか？' })).toBeInTheDocument();
    expect(screen.getByText('メンバー 3 人は無効化され、ログイン中のセッションはすべて取り消されます。')).toBeInTheDocument();
    expect(screen.getByText('APIキー 5 件はユーザーへの割り当てが解除されます（キー自体は Anthropic に残ります）。')).toBeInTheDocument();
    expect(screen.getByText('ワークスペース 2 件は組織から切り離されます（未割り当てになります）。')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Anthropic のワークスペースもアーカイブする（元に戻せません）' }));
    expect(screen.getByText('ワークスペースとそのAPIキーは Anthropic でアーカイブされ、二度と使えなくなります。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '組織を削除' }));

    const report = await screen.findByTestId('organization-delete-report');
    expect(url!.pathname).toBe('/api/v1/organizations/org_1');
    expect(url!.searchParams.get('archiveWorkspaces')).toBe('true');
    expect(report).toHaveTextContent('無効化したユーザー: 3 人');
    expect(report).toHaveTextContent('取り消したセッション: 4 件');
    expect(report).toHaveTextContent('アーカイブしたワークスペース: 2 件');
  });

  it('does nothing when cancelled', async () => {
    let called = false;
    server.use(http.delete('/api/v1/organizations/:id', () => ((called = true), HttpResponse.json({}))));
    let closed = false;
    renderWithProviders(<DeleteOrganizationDialog organization={org} onClose={() => (closed = true)} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'キャンセル' }));
    expect(closed).toBe(true);
    expect(called).toBe(false);
  });
});
