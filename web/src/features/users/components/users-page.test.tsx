import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useLocation } from 'react-router-dom';
import { authStore } from '@/lib/auth-store';
import { fixedPicker } from '@/test/pickers';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { User } from '../api/users-api';
import type { KeyPickerSlotProps } from './user-form-dialog';
import { UsersPage } from './users-page';

const orgs = [{ id: 'org_1', name: 'テスト商事' }];

let currentSearch = '';
/** Records the query string the router holds. */
function LocationProbe() {
  currentSearch = useLocation().search.replace(/^\?/, '');
  return null;
}
const search = () => decodeURIComponent(currentSearch);

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
  renderWithProviders(<UsersPage renderOrganizationPicker={fixedPicker(orgs)} renderKeyPicker={(p) => <KeySelect {...p} />} />);
  return userEvent.setup();
}

describe('UsersPage', () => {
  it('adds a user with a key; the generated password is shown once with a copy button, then gone', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post('/api/v1/users', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(
          { user: user({ id: 'usr_2', name: '佐々木', email: 'sasaki@example.com' }), initialPassword: 'Gen-Pass-1234-xyz' },
          { status: 201 },
        );
      }),
    );
    const u = setup([]);
    expect(await screen.findByText('ユーザーはまだいません。')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'ユーザーを追加' }));
    const dialog = screen.getByRole('dialog');
    await u.type(within(dialog).getByLabelText('氏名'), '佐々木');
    await u.type(within(dialog).getByLabelText('メールアドレス'), 'sasaki@example.com');
    // A SuperAdmin picks the organization: nothing is pre-selected (and the form insists).
    await u.click(within(dialog).getByRole('button', { name: '作成' }));
    expect(await within(dialog).findByText('入力してください。')).toBeInTheDocument();
    await u.click(within(dialog).getByRole('combobox', { name: '組織' }));
    await u.click(await screen.findByRole('option', { name: 'テスト商事' }));
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
    // The drastic actions wait in the row's menu.
    await u.click(await screen.findByRole('button', { name: '伊藤 の操作' }));
    await u.click(screen.getByRole('menuitem', { name: '伊藤 を無効化' }));
    const choice = screen.getByRole('radiogroup', { name: '割り当てられたAPIキー（sk-ant-api03-aaa...aaAA）' });
    expect(within(choice).getByRole('radio', { name: 'Anthropic ではそのままにする' })).toBeChecked();
    await u.click(within(choice).getByRole('radio', { name: 'Anthropic で無効化する（後で有効化できます）' }));
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: '無効化' }));
    expect(await screen.findByText('自分自身のアカウントに対してはこの操作はできません。')).toBeInTheDocument();
    expect(patch).toEqual({ status: 'disabled', deactivateKey: true });
  });

  it('disabling keeps the key unless asked: neither deactivateKey nor archiveKey is sent', async () => {
    let patch: unknown;
    server.use(
      http.patch('/api/v1/users/:id', async ({ request }) => {
        patch = await request.json();
        return HttpResponse.json(user({ status: 'disabled' }));
      }),
    );
    const u = setup([user()]);
    await u.click(await screen.findByRole('button', { name: '伊藤 の操作' }));
    await u.click(screen.getByRole('menuitem', { name: '伊藤 を無効化' }));
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: '無効化' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patch).toEqual({ status: 'disabled' });
  });

  it('disabling can retire the key for good (archiveKey), after saying plainly what that means', async () => {
    let patch: unknown;
    server.use(
      http.patch('/api/v1/users/:id', async ({ request }) => {
        patch = await request.json();
        return HttpResponse.json(user({ status: 'disabled', apiKey: null }));
      }),
    );
    const u = setup([user()]);
    await u.click(await screen.findByRole('button', { name: '伊藤 の操作' }));
    await u.click(screen.getByRole('menuitem', { name: '伊藤 を無効化' }));
    expect(screen.queryByTestId('offboard-archive-warning')).not.toBeInTheDocument();
    await u.click(screen.getByRole('radio', { name: '廃止する（元に戻せません）' }));
    const warning = screen.getByTestId('offboard-archive-warning');
    expect(warning).toHaveTextContent('二度と有効にできません');
    expect(warning).toHaveTextContent('ユーザーはすぐにキーを失い');
    expect(warning).toHaveTextContent('キーの値も消去されます');
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: '無効化' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patch).toEqual({ status: 'disabled', archiveKey: true });
  });

  it('deleting a user can retire or deactivate their key (one query flag), or keep it (none)', async () => {
    const queries: string[] = [];
    server.use(
      http.delete('/api/v1/users/:id', ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ deleted: true, sessionsRevoked: 0, apiKeyReleased: 'apikey_A', keyDeactivated: false, keyArchived: true });
      }),
    );
    const u = setup([user()]);
    for (const [choice, query] of [
      ['廃止する（元に戻せません）', '?archiveKey=true'],
      ['Anthropic で無効化する（後で有効化できます）', '?deactivateKey=true'],
      ['Anthropic ではそのままにする', ''],
    ]) {
      await u.click(await screen.findByRole('button', { name: '伊藤 の操作' }));
      await u.click(screen.getByRole('menuitem', { name: '伊藤 を削除' }));
      const dialog = screen.getByRole('dialog');
      await u.click(within(dialog).getByRole('radio', { name: choice }));
      await u.click(within(dialog).getByRole('button', { name: '削除' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(queries[queries.length - 1]).toBe(query);
    }
  });

  it('offers no key choice for a user without a key', async () => {
    const u = setup([user({ apiKey: null })]);
    await u.click(await screen.findByRole('button', { name: '伊藤 の操作' }));
    await u.click(screen.getByRole('menuitem', { name: '伊藤 を削除' }));
    expect(within(screen.getByRole('dialog')).queryByRole('radio')).not.toBeInTheDocument();
  });

  it('pages through the server with its cursors, keeps page and filters in the URL, and filters on the server', async () => {
    const many = Array.from({ length: 60 }, (_, i) => user({ id: `usr_${i}`, name: `user${i}`, email: `u${i}@example.com`, apiKey: null }));
    const requests: URLSearchParams[] = [];
    server.use(
      http.get('/api/v1/users', ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        const rows = params.get('role') ? many.slice(0, 3) : many;
        const from = params.get('cursor') ? Number(params.get('cursor')!.slice(1)) : 0;
        const limit = Number(params.get('limit'));
        const next = from + limit < rows.length ? `c${from + limit}` : null;
        return HttpResponse.json({ items: rows.slice(from, from + limit), nextCursor: next, total: rows.length });
      }),
    );
    authStore.setAuthenticated({ id: 'me', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
    renderWithProviders(
      <>
        <UsersPage renderOrganizationPicker={fixedPicker(orgs)} renderKeyPicker={(p) => <KeySelect {...p} />} />
        <LocationProbe />
      </>,
      { route: '/users' },
    );
    const u = userEvent.setup();
    const last = () => requests[requests.length - 1];
    expect(await screen.findByText('user0')).toBeInTheDocument();
    expect(screen.queryByText('user25')).not.toBeInTheDocument();
    expect(last().get('limit')).toBe('25');
    expect(last().get('cursor')).toBeNull();
    expect(screen.getByTestId('table-total')).toHaveTextContent('全 60 件');
    expect(screen.getByTestId('table-page')).toHaveTextContent('1 / 3 ページ');
    expect(screen.getByRole('button', { name: '前へ' })).toBeDisabled();

    await u.click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByText('user25')).toBeInTheDocument();
    expect(last().get('cursor')).toBe('c25');
    expect(search()).toBe('cursor=c25');
    await u.click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByText('user50')).toBeInTheDocument();
    expect(last().get('cursor')).toBe('c50');
    expect(search()).toBe('cursor=c50&back=c25');
    expect(screen.getByTestId('table-page')).toHaveTextContent('3 / 3 ページ');
    expect(screen.getByRole('button', { name: '次へ' })).toBeDisabled();

    await u.click(screen.getByRole('button', { name: '前へ' }));
    expect(await screen.findByText('user25')).toBeInTheDocument();
    expect(search()).toBe('cursor=c25');
    expect(screen.getByTestId('table-page')).toHaveTextContent('2 / 3 ページ');

    // A filter goes to the server and starts again at the first page.
    await u.click(screen.getByRole('combobox', { name: '権限' }));
    await u.click(screen.getByRole('option', { name: '管理者' }));
    await waitFor(() => expect(last().get('role')).toBe('Admin'));
    expect(last().get('cursor')).toBeNull();
    expect(search()).toBe('role=Admin');
    expect(await screen.findByText('全 3 件')).toBeInTheDocument();

    // So does the search, once typing pauses.
    await u.type(screen.getByLabelText('名前・メールで検索'), 'u1');
    await waitFor(() => expect(last().get('q')).toBe('u1'));
    expect(last().get('role')).toBe('Admin');
    expect(search()).toBe('role=Admin&q=u1');
  });

  it('opens on the page, search and filters the URL names', async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      http.get('/api/v1/users', ({ request }) => {
        requests.push(new URL(request.url).searchParams);
        return HttpResponse.json({ items: [user({ name: '佐藤', email: 'sato@example.com' })], nextCursor: null, total: 51 });
      }),
    );
    authStore.setAuthenticated({ id: 'me', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
    renderWithProviders(<UsersPage renderOrganizationPicker={fixedPicker(orgs)} renderKeyPicker={(p) => <KeySelect {...p} />} />, {
      route: '/users?q=sato&status=active&size=50&cursor=usr_9&back=usr_5',
    });
    expect(await screen.findByTestId('user-row-sato@example.com')).toBeInTheDocument();
    expect(Object.fromEntries(requests[0])).toEqual({ q: 'sato', status: 'active', limit: '50', cursor: 'usr_9' });
    expect(screen.getByLabelText('名前・メールで検索')).toHaveValue('sato');
    expect(screen.getByTestId('table-page')).toHaveTextContent('3 / 3 ページ');
  });

  it('shows a taken email on the email field of the create form, not as a generic conflict', async () => {
    server.use(
      http.post('/api/v1/users', () =>
        HttpResponse.json(
          { error: { code: 'email_taken', message: 'a user with this email exists', details: { field: 'email' } }, requestId: 'r1' },
          { status: 409 },
        ),
      ),
    );
    const u = setup([]);
    await u.click(await screen.findByRole('button', { name: 'ユーザーを追加' }));
    const dialog = screen.getByRole('dialog');
    await u.type(within(dialog).getByLabelText('氏名'), '佐々木');
    await u.type(within(dialog).getByLabelText('メールアドレス'), 'ito@example.com');
    await u.click(within(dialog).getByRole('combobox', { name: '組織' }));
    await u.click(await screen.findByRole('option', { name: 'テスト商事' }));
    await u.click(within(dialog).getByRole('button', { name: '作成' }));
    const email = within(dialog).getByLabelText('メールアドレス');
    await waitFor(() => expect(email).toHaveAccessibleDescription('このメールアドレスは既に登録されています。'));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('氏名')).toHaveAttribute('aria-invalid', 'false');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(dialog).not.toHaveTextContent('他のデータと競合しています');
  });
});
