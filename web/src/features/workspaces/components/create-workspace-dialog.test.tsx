import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fixedPicker } from '@/test/pickers';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import { CreateWorkspaceDialog } from './create-workspace-dialog';

const orgs = [
  { id: 'org_1', name: 'テスト商事' },
  { id: 'org_2', name: '株式会社サンプル' },
];

describe('CreateWorkspaceDialog (R-W1)', () => {
  it('counts characters live and refuses more than 40 before asking the server', async () => {
    let called = false;
    server.use(http.post('/api/v1/workspaces', () => ((called = true), apiError(500, 'internal'))));
    renderWithProviders(<CreateWorkspaceDialog renderOrganizationPicker={fixedPicker(orgs)} organization={orgs[1]} onClose={() => {}} />);
    expect(screen.getByRole('combobox', { name: '組織' })).toHaveValue('株式会社サンプル');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ワークスペース名'), 'abc');
    expect(screen.getByText('3/40 文字（1〜40文字）')).toBeInTheDocument();
    await user.type(screen.getByLabelText('ワークスペース名'), 'x'.repeat(38));
    expect(screen.getByText('41/40 文字（1〜40文字）')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '作成' }));
    expect(await screen.findByText('1〜40文字で入力してください。')).toBeInTheDocument();
    expect(called).toBe(false);
  });

  it('shows an upstream failure in words', async () => {
    server.use(http.post('/api/v1/workspaces', () => apiError(502, 'upstream_unavailable')));
    renderWithProviders(<CreateWorkspaceDialog renderOrganizationPicker={fixedPicker(orgs)} organization={orgs[0]} onClose={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ワークスペース名'), 'team-a');
    await user.click(screen.getByRole('button', { name: '作成' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Anthropic に接続できません。'));
  });
});

describe('CreateWorkspaceDialog: conflicts on their field', () => {
  it('picks no organization by itself and shows a taken name on the name field until it is edited', async () => {
    server.use(
      http.post('/api/v1/workspaces', () =>
        HttpResponse.json(
          { error: { code: 'workspace_name_taken', message: 'a workspace named team-a already exists', details: { field: 'name' } }, requestId: 'r1' },
          { status: 409 },
        ),
      ),
    );
    renderWithProviders(<CreateWorkspaceDialog renderOrganizationPicker={fixedPicker(orgs)} onClose={() => {}} />);
    expect(screen.getByRole('combobox', { name: '組織' })).toHaveValue('');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ワークスペース名'), 'team-a');
    await user.click(screen.getByRole('combobox', { name: '組織' }));
    await user.click(await screen.findByRole('option', { name: 'テスト商事' }));
    await user.click(screen.getByRole('button', { name: '作成' }));
    expect(await screen.findByText('この名前のワークスペースは既にあります。')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument(); // on the field, not twice
    await user.type(screen.getByLabelText('ワークスペース名'), '2');
    await waitFor(() => expect(screen.queryByText('この名前のワークスペースは既にあります。')).not.toBeInTheDocument());
  });
});
