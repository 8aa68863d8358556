import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { User } from '../api/users-api';
import type { KeyPickerSlotProps } from './user-form-dialog';
import { UsersPage } from './users-page';

const orgs = [{ id: 'org_1', name: 'テスト商事' }];

function KeySelect({ value, onChange, organizationId }: KeyPickerSlotProps) {
  return (
    <label>
      APIキー
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-org={organizationId ?? ''}>
        <option value="">なし</option>
        <option value="apikey_A">apikey_A</option>
        <option value="apikey_B">apikey_B</option>
      </select>
    </label>
  );
}

function user(over: Partial<User> = {}): User {
  return {
    id: 'usr_1',
    name: '伊藤',
    email: 'ito@example.com',
    role: 'User',
    organizationId: 'org_1',
    organizationName: 'テスト商事',
    status: 'active',
    apiKey: { id: 'apikey_A', name: 'a', hint: 'sk-ant-api03-aaa...aaAA', status: 'active' },
    lastLoginAt: null,
    createdAt: '2025-03-24T00:00:00Z',
    ...over,
  };
}

function setup(items: User[]) {
  authStore.setAuthenticated({ id: 'me', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
  server.use(http.get('/api/v1/users', () => HttpResponse.json({ items, nextCursor: null, total: items.length })));
  renderWithProviders(<UsersPage organizations={orgs} renderKeyPicker={(p) => <KeySelect {...p} />} />);
  return userEvent.setup();
}

describe('UsersPage', () => {
  it('adds a user with a key; the generated password is shown once with a copy button, then gone', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post('/api/v1/users', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ user: user({ id: 'usr_2', name: '佐々木', email: 'sasaki@example.com' }), initialPassword: 'Gen-Pass-1234-xyz' }, { status: 201 });
      }),
    );
    const u = setup([]);
    expect(await screen.findByText('ユーザーはまだいません。')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'ユーザーを追加' }));
    const dialog = screen.getByRole('dialog');
    await u.type(within(dialog).getByLabelText('氏名'), '佐々木');
    await u.type(within(dialog).getByLabelText('メールアドレス'), 'sasaki@example.com');
    await u.selectOptions(within(dialog).getByLabelText('APIキー'), 'apikey_B');
    await u.click(within(dialog).getByRole('button', { name: '作成' }));

    const secret = await screen.findByTestId('one-time-secret');
    expect(secret).toHaveTextContent('Gen-Pass-1234-xyz');
    expect(body).toEqual({ name: '佐々木', email: 'sasaki@example.com', role: 'User', organizationId: 'org_1', apiKeyId: 'apikey_B' });
    expect(screen.getByRole('button', { name: 'コピー' })).toBeInTheDocument();
    expect(screen.getByText('この値は今だけ表示されます。閉じると二度と表示できません。')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: '閉じる（控えました）' }));
    await waitFor(() => expect(screen.queryByText('Gen-Pass-1234-xyz')).not.toBeInTheDocument());
  });

  it('switching the key in the edit modal sends only the new key reference', async () => {
    let patch: unknown;
    server.use(
      http.patch('/api/v1/users/:id', async ({ request }) => {
        patch = await request.json();
        return HttpResponse.json(user({ apiKey: { id: 'apikey_B', name: 'b', hint: 'sk-ant-api03-bbb...bbAA', status: 'active' } }));
      }),
    );
    const u = setup([user()]);
    await u.click(await screen.findByRole('button', { name: '伊藤 を編集' }));
    const dialog = screen.getByRole('dialog');
    await u.selectOptions(within(dialog).getByLabelText('APIキー'), 'apikey_B');
    await u.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patch).toEqual({ apiKeyId: 'apikey_B' });
  });

  it('disables a user and can deactivate their key in the same step; errors are readable', async () => {
    let patch: unknown;
    server.use(
      http.patch('/api/v1/users/:id', async ({ request }) => {
        patch = await request.json();
        return apiError(400, 'self_change_refused', 'no');
      }),
    );
    const u = setup([user()]);
    await u.click(await screen.findByRole('button', { name: '伊藤 を無効化' }));
    await u.click(screen.getByRole('checkbox', { name: '割り当てられたAPIキー（sk-ant-api03-aaa...aaAA）も Anthropic で無効化する' }));
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: '無効化' }));
    expect(await screen.findByText('自分自身のアカウントに対してはこの操作はできません。')).toBeInTheDocument();
    expect(patch).toEqual({ status: 'disabled', deactivateKey: true });
  });

  it('filters by role and pages through a long list', async () => {
    const many = Array.from({ length: 12 }, (_, i) => user({ id: `usr_${i}`, name: `user${i}`, email: `u${i}@example.com`, apiKey: null }));
    const roles: (string | null)[] = [];
    server.use(
      http.get('/api/v1/users', ({ request }) => {
        roles.push(new URL(request.url).searchParams.get('role'));
        return HttpResponse.json({ items: many, nextCursor: null, total: many.length });
      }),
    );
    authStore.setAuthenticated({ id: 'me', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
    renderWithProviders(<UsersPage organizations={orgs} renderKeyPicker={(p) => <KeySelect {...p} />} />);
    const u = userEvent.setup();
    expect(await screen.findByText('user0')).toBeInTheDocument();
    expect(screen.queryByText('user10')).not.toBeInTheDocument();
    expect(screen.getByText('12 件中 1〜10 件')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(screen.getByText('user10')).toBeInTheDocument();
    await u.click(screen.getByRole('combobox', { name: '権限' }));
    await u.click(screen.getByRole('option', { name: '管理者' }));
    await waitFor(() => expect(roles).toContain('Admin'));
  });
});
