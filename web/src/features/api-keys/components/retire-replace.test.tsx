import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { fixedPicker } from '@/test/pickers';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { ApiKey } from '../api/api-keys-api';
import { ApiKeysPage } from './api-keys-page';
import { ArchiveKeyDialog } from './archive-key-dialog';
import { ReplaceKeyDialog } from './replace-key-dialog';

const VALUE = 'sk-ant-api03-' + 'b'.repeat(80) + 'zzAA';
const HOLDER = { id: 'usr_1', name: '伊藤', email: 'ito@example.com' };

function key(over: Partial<ApiKey> = {}): ApiKey {
  const k: ApiKey = {
    id: 'apikey_OLD',
    name: 'leaked',
    status: 'active',
    hint: 'sk-ant-api03-aaa...xyAA',
    workspaceId: 'wrkspc_1',
    workspaceName: 'Research',
    organizationId: 'org_1',
    secretRegistered: true,
    secretRegisteredAt: '2025-03-24T00:00:00Z',
    assignedUser: HOLDER,
    createdAt: '2025-03-24T00:00:00Z',
    vanished: false,
    vanishedAt: null,
    label: '',
    ...over,
  };
  // The server's R-K5 label.
  return { ...k, label: over.label ?? `${k.id}: ${k.hint} (${k.name})` };
}
const NEW_KEY = key({ id: 'apikey_NEW', name: 'fresh', hint: 'sk-ant-api03-bbb...zzAA' });

describe('ArchiveKeyDialog (廃止)', () => {
  it('says plainly that the holder loses the key at once, for good, and its value is erased; then archives it', async () => {
    let posted = 0;
    server.use(
      http.post('/api/v1/api-keys/:id/archive', ({ params }) => {
        posted++;
        expect(params.id).toBe('apikey_OLD');
        return HttpResponse.json(key({ status: 'archived', secretRegistered: false, assignedUser: null }));
      }),
    );
    const onClose = vi.fn();
    renderWithProviders(<ArchiveKeyDialog apiKey={key()} onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'キー「leaked」を廃止しますか？' });
    expect(dialog).toHaveTextContent('伊藤 (ito@example.com) はすぐにキーを失い');
    expect(dialog).toHaveTextContent('二度と有効にできません');
    expect(dialog).toHaveTextContent('ポータルに登録されたキーの値も消去されます');
    expect(dialog).toHaveTextContent('「漏洩したキーを差し替え」');
    await userEvent.setup().click(within(dialog).getByRole('button', { name: '廃止' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posted).toBe(1);
  });

  it('for a key nobody holds (and no registered value) says just that', () => {
    renderWithProviders(<ArchiveKeyDialog apiKey={key({ assignedUser: null, secretRegistered: false })} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('今は誰にも割り当てられていません');
    expect(dialog).not.toHaveTextContent('キーの値も消去されます');
    expect(dialog).not.toHaveTextContent('差し替え');
  });

  it('shows a failure and stays open', async () => {
    server.use(http.post('/api/v1/api-keys/:id/archive', () => apiError(502, 'upstream_unavailable', 'down')));
    const onClose = vi.fn();
    renderWithProviders(<ArchiveKeyDialog apiKey={key()} onClose={onClose} />);
    await userEvent.setup().click(screen.getByRole('button', { name: '廃止' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('ReplaceKeyDialog (漏洩したキーを差し替え)', () => {
  const open = (apiKey = key(), onReplaced = vi.fn()) => {
    renderWithProviders(<ReplaceKeyDialog apiKey={apiKey} workspace="Research" onClose={() => {}} onReplaced={onReplaced} />);
    return onReplaced;
  };
  const paste = async (value = VALUE) => {
    const user = userEvent.setup();
    const field = screen.getByLabelText('新しいキーの値（sk-ant-api03-…）');
    await user.click(field);
    await user.paste(value);
    await user.click(screen.getByRole('button', { name: '差し替え' }));
  };

  it('explains the steps naming the holder, asks only for the new value (hidden), and answers the new key', async () => {
    let body: unknown;
    server.use(
      http.post('/api/v1/api-keys/:id/replace', async ({ request, params }) => {
        expect(params.id).toBe('apikey_OLD');
        body = await request.json();
        return HttpResponse.json(NEW_KEY);
      }),
    );
    const onReplaced = open();
    const dialog = screen.getByRole('dialog', { name: '漏洩したキーを差し替え' });
    expect(dialog).toHaveTextContent('apikey_OLD: sk-ant-api03-aaa...xyAA (leaked)');
    expect(dialog).toHaveTextContent('Anthropic Console で、同じ組織のワークスペース（例えば今のキーと同じ「Research」）に新しいキーを作成します。');
    expect(dialog).toHaveTextContent('今のキーは廃止され（元に戻せません）、新しいキーが 伊藤 (ito@example.com) に割り当てられます。');
    const fields = dialog.querySelectorAll('input, textarea, select');
    expect(fields).toHaveLength(1);
    expect(fields[0]).toHaveAttribute('type', 'password');
    await paste();
    await waitFor(() => expect(onReplaced).toHaveBeenCalled());
    expect(onReplaced.mock.calls[0][0]).toMatchObject({ id: 'apikey_NEW' });
    expect(body).toEqual({ value: VALUE });
  });

  it('says nobody holds a free key, so the new one is only registered', () => {
    open(key({ assignedUser: null }));
    expect(screen.getByRole('dialog')).toHaveTextContent('今のキーは誰にも割り当てられていないため、新しいキーは値が登録されるだけで');
  });

  it('refuses something that is not an API key value before asking the server', async () => {
    const post = vi.fn();
    server.use(http.post('/api/v1/api-keys/:id/replace', () => (post(), HttpResponse.json({}))));
    open();
    await paste('sk-ant-admin01-nope');
    expect(await screen.findByText('APIキーの値（sk-ant-api03-…）を貼り付けてください。')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it.each([
    [409, 'replacement_is_same_key', '差し替える前のキーの値です', 'Anthropic Console で新しいキーを作成し'],
    [400, 'api_key_wrong_organization', '新しいキーは別の組織のワークスペースにあります', 'ユーザーの組織のワークスペースで作成してください'],
    [409, 'api_key_taken', '新しいキーは別のユーザーに割り当てられています', 'the new key is already held by 佐藤 (sato@example.com)'],
  ])('explains %i %s with what to do', async (status, code, title, body) => {
    server.use(http.post('/api/v1/api-keys/:id/replace', () => apiError(status, code, 'the new key is already held by 佐藤 (sato@example.com)')));
    const onReplaced = open();
    await paste();
    const alert = await screen.findByTestId(`register-${code}`);
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(body);
    expect(onReplaced).not.toHaveBeenCalled();
  });

  it('explains the register errors too (no matching key)', async () => {
    server.use(http.post('/api/v1/api-keys/:id/replace', () => apiError(404, 'no_matching_key')));
    open();
    await paste();
    expect(await screen.findByTestId('register-no-match')).toHaveTextContent('先に Anthropic Console でキーを作成し');
  });
});

describe('ApiKeysPage: retire and replace', () => {
  function setup(items: ApiKey[]) {
    authStore.setAuthenticated({ id: 'me', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
    server.use(http.get('/api/v1/api-keys', () => HttpResponse.json({ items, nextCursor: null, total: items.length })));
    renderWithProviders(<ApiKeysPage renderWorkspacePicker={fixedPicker([{ id: 'wrkspc_1', name: 'Research' }])} />);
    return userEvent.setup();
  }

  it('offers both for a live key, neither for an archived or vanished one', async () => {
    const u = setup([
      key(),
      key({ id: 'apikey_ARCH', name: 'gone', status: 'archived', assignedUser: null }),
      key({ id: 'apikey_VAN', name: 'vanished', vanished: true, assignedUser: null }),
    ]);
    await u.click(await screen.findByRole('button', { name: 'leaked の操作' }));
    expect(screen.getByRole('menuitem', { name: 'leaked を差し替え' })).toHaveTextContent('漏洩したキーを差し替え');
    expect(screen.getByRole('menuitem', { name: 'leaked を廃止' })).toHaveTextContent('廃止');
    await u.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).not.toBeInTheDocument());
    expect(within(screen.getByTestId('api-key-row-apikey_ARCH')).getByText('廃止済み')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'gone の操作' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'vanished の操作' })).not.toBeInTheDocument();
  });

  it('replaces from the row menu and names the new key and its holder on the page', async () => {
    server.use(http.post('/api/v1/api-keys/:id/replace', () => HttpResponse.json(NEW_KEY)));
    const u = setup([key()]);
    await u.click(await screen.findByRole('button', { name: 'leaked の操作' }));
    await u.click(screen.getByRole('menuitem', { name: 'leaked を差し替え' }));
    const dialog = screen.getByRole('dialog', { name: '漏洩したキーを差し替え' });
    expect(dialog).toHaveTextContent('「Research」');
    await u.click(within(dialog).getByLabelText('新しいキーの値（sk-ant-api03-…）'));
    await u.paste(VALUE);
    await u.click(within(dialog).getByRole('button', { name: '差し替え' }));
    const done = await screen.findByTestId('replace-success');
    expect(done).toHaveTextContent(
      'apikey_OLD: sk-ant-api03-aaa...xyAA (leaked) を廃止し、新しいキー apikey_NEW: sk-ant-api03-bbb...zzAA (fresh) を 伊藤 (ito@example.com) に割り当てました。',
    );
    expect(screen.queryByRole('dialog', { name: '漏洩したキーを差し替え' })).not.toBeInTheDocument();
  });
});
