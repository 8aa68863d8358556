import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { ApiKey } from '../api/api-keys-api';
import { ApiKeyPicker } from './api-key-picker';
import { ApiKeysPage } from './api-keys-page';
import { RegisterSecretDialog } from './register-secret-dialog';

const VALUE = 'sk-ant-api03-' + 'a'.repeat(80) + 'xyAA';

function key(over: Partial<ApiKey>): ApiKey {
  const k: ApiKey = {
    id: 'apikey_01',
    name: 'k',
    status: 'active',
    hint: 'sk-ant-api03-aaa...xyAA',
    workspaceId: 'wrkspc_1',
    workspaceName: 'Research',
    organizationId: 'org_1',
    secretRegistered: true,
    secretRegisteredAt: '2025-03-24T00:00:00Z',
    assignedUser: null,
    createdAt: '2025-03-24T00:00:00Z',
    vanished: false,
    vanishedAt: null,
    label: '',
    ...over,
  };
  // The server's R-K5 label.
  return { ...k, label: over.label ?? `${k.id}: ${k.hint} (${k.name})` };
}

describe('RegisterSecretDialog (R-K2)', () => {
  it('asks only for the value and explains no_matching_key: create the key in the Console first', async () => {
    let body: unknown;
    server.use(
      http.post('/api/v1/api-keys/register', async ({ request }) => {
        body = await request.json();
        return apiError(404, 'no_matching_key', 'No Anthropic API key matches');
      }),
    );
    renderWithProviders(<RegisterSecretDialog onClose={() => {}} onRegistered={() => {}} />);
    const dialog = screen.getByRole('dialog');
    expect(dialog.querySelectorAll('input, textarea, select')).toHaveLength(1); // no name, no id
    const user = userEvent.setup();
    await user.click(within(dialog).getByLabelText('キーの値（sk-ant-api03-…）'));
    await user.paste(VALUE);
    await user.click(within(dialog).getByRole('button', { name: '登録' }));
    const alert = await screen.findByTestId('register-no-match');
    expect(alert).toHaveTextContent('一致するキーが Anthropic にありません');
    expect(alert).toHaveTextContent('先に Anthropic Console でキーを作成し');
    expect(body).toEqual({ value: VALUE });
  });

  it('refuses something that is not an API key value before asking the server', async () => {
    const post = vi.fn();
    server.use(http.post('/api/v1/api-keys/register', () => (post(), HttpResponse.json({}))));
    renderWithProviders(<RegisterSecretDialog onClose={() => {}} onRegistered={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('キーの値（sk-ant-api03-…）'), 'sk-ant-admin01-nope');
    await user.click(screen.getByRole('button', { name: '登録' }));
    expect(await screen.findByText('APIキーの値（sk-ant-api03-…）を貼り付けてください。')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('lists the candidates of an ambiguous value', async () => {
    server.use(
      http.post('/api/v1/api-keys/register', () =>
        HttpResponse.json(
          {
            error: {
              code: 'ambiguous_key',
              message: 'several',
              candidates: [key({ id: 'apikey_A', label: 'apikey_A: sk-ant-api03-aaa...xyAA (one)' }), key({ id: 'apikey_B', name: 'two' })],
            },
            requestId: 'r',
          },
          { status: 409 },
        ),
      ),
    );
    renderWithProviders(<RegisterSecretDialog onClose={() => {}} onRegistered={() => {}} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('キーの値（sk-ant-api03-…）'));
    await user.paste(VALUE);
    await user.click(screen.getByRole('button', { name: '登録' }));
    expect(await screen.findByText('複数のキーが一致しました')).toBeInTheDocument();
    expect(screen.getByText('apikey_A: sk-ant-api03-aaa...xyAA (one)')).toBeInTheDocument();
    expect(screen.getByText('apikey_B: sk-ant-api03-aaa...xyAA (two)')).toBeInTheDocument();
  });
});

function Picker({ organizationId, current = null, initial = null }: { organizationId: string; current?: ApiKey | null; initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <ApiKeyPicker organizationId={organizationId} value={value} current={current} onChange={setValue} />
      <output data-testid="picked">{value ?? ''}</output>
    </>
  );
}

/** A server with `count` free keys of org_1, searched by `q` (id or name) and paged by offset cursors; every request is kept. */
function serveFreeKeys(count: number) {
  const all = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return key({ id: `apikey_${n}`, name: `key-${n}`, hint: `sk-ant-api03-k${n.slice(0, 2)}...${n}` });
  });
  const requests: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/api-keys', ({ request }) => {
      const p = new URL(request.url).searchParams;
      requests.push(p);
      const q = p.get('q') ?? '';
      const matching = all.filter((k) => k.id.includes(q) || k.name.includes(q));
      const from = Number(p.get('cursor') ?? 0);
      const limit = Number(p.get('limit'));
      const next = from + limit < matching.length ? String(from + limit) : null;
      return HttpResponse.json({ items: matching.slice(from, from + limit), nextCursor: next, total: matching.length });
    }),
  );
  return requests;
}

const optionTexts = async () => (await screen.findAllByRole('option')).map((o) => o.textContent);

describe('ApiKeyPicker (R-U1, R-K5)', () => {
  it("asks the server for exactly the organization's assignable keys and offers them by label", async () => {
    let query: URLSearchParams | null = null;
    server.use(
      http.get('/api/v1/api-keys', ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          items: [
            key({ id: 'apikey_free', name: 'saitou', label: 'apikey_free: sk-ant-api03-rag...nwAA (saitou)' }),
            key({ id: 'apikey_nolabel', name: 'plain', hint: 'sk-ant-api03-xyz...12AA' }),
          ],
          nextCursor: null,
          total: 2,
        });
      }),
    );
    renderWithProviders(<Picker organizationId="org_1" />);
    await screen.findByText('この組織の、値が登録済みで未割り当ての有効なキーだけが表示されます。');
    expect(Object.fromEntries(query!)).toEqual({
      organizationId: 'org_1',
      assigned: 'false',
      status: 'active',
      registered: 'true',
      vanished: 'false',
      limit: '50',
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'APIキー（任意）' }));
    expect(await optionTexts()).toEqual(['割り当てない', 'apikey_free: sk-ant-api03-rag...nwAA (saitou)', 'apikey_nolabel: sk-ant-api03-xyz...12AA (plain)']);
    await user.click(screen.getByRole('option', { name: 'apikey_nolabel: sk-ant-api03-xyz...12AA (plain)' }));
    expect(screen.getByTestId('picked')).toHaveTextContent('apikey_nolabel');
    // The whole entry shows in the field.
    expect(screen.getByText('apikey_nolabel: sk-ant-api03-xyz...12AA (plain)')).toBeInTheDocument();
  });

  it('says what to do when the organization has no free key', async () => {
    server.use(http.get('/api/v1/api-keys', () => HttpResponse.json({ items: [], nextCursor: null, total: 0 })));
    renderWithProviders(<Picker organizationId="org_1" />);
    expect(await screen.findByText('この組織に割り当てられるキーがありません。APIキー管理でキーの値を登録してください。')).toBeInTheDocument();
  });

  it('keeps the key the user holds selectable, on top of the free ones', async () => {
    serveFreeKeys(3);
    const held = key({ id: 'apikey_held', name: 'mine', hint: 'sk-ant-api03-hld...01AA', assignedUser: { id: 'u1', name: '伊藤', email: 'ito@example.com' } });
    renderWithProviders(<Picker organizationId="org_1" current={held} initial="apikey_held" />);
    expect(screen.getByText('apikey_held: sk-ant-api03-hld...01AA (mine)')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('combobox', { name: 'APIキー（任意）' }));
    await screen.findByRole('option', { name: /^apikey_0002/ });
    expect((await optionTexts()).slice(0, 3)).toEqual([
      '割り当てない',
      'apikey_held: sk-ant-api03-hld...01AA (mine)',
      'apikey_0000: sk-ant-api03-k00...0000 (key-0000)',
    ]);
  });

  it('reaches a free key beyond the first 500, by a server search and by loading more pages', async () => {
    const requests = serveFreeKeys(1234);
    renderWithProviders(<Picker organizationId="org_1" />);
    const user = userEvent.setup();
    const field = screen.getByRole('combobox', { name: 'APIキー（任意）' });

    // Searching asks the server (once typing settles), with the same filters.
    await user.click(field);
    await screen.findByRole('option', { name: /^apikey_0049/ });
    expect(screen.queryByRole('option', { name: /^apikey_0050/ })).not.toBeInTheDocument();
    await user.type(field, '0777');
    await user.click(await screen.findByRole('option', { name: 'apikey_0777: sk-ant-api03-k07...0777 (key-0777)' }));
    expect(screen.getByTestId('picked')).toHaveTextContent('apikey_0777');
    expect(requests.some((p) => p.get('q') === '077' || p.get('q') === '07')).toBe(false);
    const searched = requests.find((p) => p.get('q') === '0777');
    expect(searched?.get('cursor')).toBeNull();

    // 「さらに読み込む」 follows nextCursor, 50 keys at a time, the list staying open.
    await user.click(field);
    for (let page = 1; page <= 11; page++) {
      await user.click(await screen.findByRole('option', { name: 'さらに読み込む' }));
      await screen.findByRole('option', { name: new RegExp(`^apikey_${String(page * 50 + 49).padStart(4, '0')}:`) });
    }
    await user.click(screen.getByRole('option', { name: 'apikey_0560: sk-ant-api03-k05...0560 (key-0560)' }));
    expect(screen.getByTestId('picked')).toHaveTextContent('apikey_0560');
    expect(requests.map((p) => p.get('cursor')).filter(Boolean)).toEqual(Array.from({ length: 11 }, (_, i) => String((i + 1) * 50)));

    for (const p of requests) {
      expect(p.get('organizationId')).toBe('org_1');
      expect(p.get('assigned')).toBe('false');
      expect(p.get('status')).toBe('active');
      expect(p.get('registered')).toBe('true');
      expect(p.get('vanished')).toBe('false');
      expect(p.get('limit')).toBe('50');
    }
  });
});

/** A click outside the dialog, on the dimmed page around it. */
const clickOutside = (user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement) => user.click(dialog.closest('.MuiDialog-container') as HTMLElement);

describe('ApiKeysPage: renaming keeps unsaved work', () => {
  it('a click outside or Esc on a changed name asks first; unchanged, the dialog just closes', async () => {
    const patch = vi.fn();
    server.use(
      http.get('/api/v1/api-keys', () => HttpResponse.json({ items: [key({ name: 'saitou' })], nextCursor: null, total: 1 })),
      http.patch('/api/v1/api-keys/:id', () => (patch(), HttpResponse.json(key({})))),
    );
    renderWithProviders(<ApiKeysPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'saitou の名前を変更' }));
    let dialog = screen.getByRole('dialog', { name: '名前を変更' });
    // Nothing changed: a click outside closes it.
    await clickOutside(user, dialog);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'saitou の名前を変更' }));
    dialog = screen.getByRole('dialog', { name: '名前を変更' });
    await user.type(within(dialog).getByLabelText('名前'), '-2');
    await clickOutside(user, dialog);
    const ask = await screen.findByRole('dialog', { name: '変更を破棄しますか？' });
    await user.click(within(ask).getByRole('button', { name: '編集を続ける' }));
    expect(within(screen.getByRole('dialog', { name: '名前を変更' })).getByLabelText('名前')).toHaveValue('saitou-2');

    await user.keyboard('{Escape}');
    await user.click(within(await screen.findByRole('dialog', { name: '変更を破棄しますか？' })).getByRole('button', { name: '破棄して閉じる' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(patch).not.toHaveBeenCalled();
  });
});
