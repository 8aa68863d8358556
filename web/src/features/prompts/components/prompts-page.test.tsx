import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { Prompt, PromptVersion } from '../api/prompts-api';
import { PromptsPage } from './prompts-page';
import { diffLines, renderTemplate, templateVariables } from './template';

function makePrompt(overrides: Partial<Prompt> = {}): Prompt {
  return {
    id: 'prm_1',
    title: 'LP作成',
    description: '説明',
    category: 'ランディングページ',
    tags: ['LP'],
    content: '「{{商品名}}」のコピー',
    variables: ['商品名'],
    visibility: 'public',
    organizationId: null,
    organizationName: null,
    ownerId: null,
    ownerName: null,
    version: 2,
    useCount: 3,
    canEdit: true,
    createdAt: '2025-03-24T00:00:00Z',
    updatedAt: '2025-03-24T00:00:00Z',
    ...overrides,
  };
}

const list = (items: Prompt[]) => HttpResponse.json({ items, nextCursor: null, total: items.length });

beforeEach(() => {
  authStore.setAuthenticated({ id: 'u1', name: '高橋', email: 'a@example.com', role: 'Admin', organization: { id: 'org_a', name: 'A社' } });
});

describe('PromptsPage', () => {
  it('lists prompts and sends search, category and tag filters to the server (and never asks for everything)', async () => {
    const seen: string[] = [];
    const limits = new Set<string | null>();
    server.use(
      http.get('/api/v1/prompts', ({ request }) => {
        const url = new URL(request.url);
        limits.add(url.searchParams.get('limit'));
        seen.push(`${url.searchParams.get('q') ?? ''}|${url.searchParams.get('tag') ?? ''}|${url.searchParams.get('category') ?? ''}`);
        return list([makePrompt(), makePrompt({ id: 'prm_2', title: '秘密', visibility: 'private', ownerId: 'u1', tags: ['memo'], canEdit: false })]);
      }),
    );
    renderWithProviders(<PromptsPage />);
    expect(await screen.findByText('LP作成')).toBeInTheDocument();
    expect(screen.getByText('全体公開')).toBeInTheDocument();
    expect(screen.getByText('自分のみ')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '秘密 を編集' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('検索'), 'コピー');
    await vi.waitFor(() => expect(seen).toContain('コピー||'));
    await user.click(screen.getAllByText('memo')[0]);
    await vi.waitFor(() => expect(seen).toContain('コピー|memo|'));
    expect(screen.getByLabelText('タグ')).toHaveValue('memo');
    await user.type(screen.getByLabelText('カテゴリ'), 'LP');
    await vi.waitFor(() => expect(seen).toContain('コピー|memo|LP'));
    expect([...limits]).toEqual(['25']);
  });

  it('previews the variables live while editing and sends a new version with its note', async () => {
    let patched: unknown;
    server.use(
      http.get('/api/v1/prompts', () => list([makePrompt()])),
      http.patch('/api/v1/prompts/prm_1', async ({ request }) => {
        patched = await request.json();
        return HttpResponse.json(makePrompt({ version: 3 }));
      }),
    );
    renderWithProviders(<PromptsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'LP作成 を編集' }));
    const dialog = await screen.findByRole('dialog');
    const preview = within(dialog).getByTestId('template-preview');
    expect(preview).toHaveTextContent('「{{商品名}}」のコピー');
    await user.type(within(dialog).getByLabelText('商品名'), 'AppGenius');
    expect(preview).toHaveTextContent('「AppGenius」のコピー');
    const content = within(dialog).getByLabelText('本文');
    await user.clear(content);
    await user.type(content, '新しい本文 {{{{対象}}');
    expect(within(dialog).getByLabelText('対象')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('変更メモ（任意）'), '見直し');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await vi.waitFor(() => expect(patched).toMatchObject({ content: '新しい本文 {{対象}}', changeNote: '見直し', tags: ['LP'] }));
  });

  it('shows the diff between versions and restores an old one', async () => {
    const versions: PromptVersion[] = [
      { number: 1, content: 'line a\nline b', note: '最初', authorId: null, restoredFrom: null, createdAt: '2025-03-24T00:00:00Z' },
      { number: 2, content: 'line a\nline c', note: '', authorId: null, restoredFrom: null, createdAt: '2025-03-25T00:00:00Z' },
    ];
    let restored = '';
    server.use(
      http.get('/api/v1/prompts', () => list([makePrompt()])),
      http.get('/api/v1/prompts/prm_1/versions', () => HttpResponse.json({ items: versions, nextCursor: null, total: 2 })),
      http.post('/api/v1/prompts/prm_1/versions/:n/restore', ({ params }) => {
        restored = String(params.n);
        return HttpResponse.json(makePrompt({ version: 3 }));
      }),
    );
    renderWithProviders(<PromptsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'LP作成 の履歴' }));
    const diff = await screen.findByRole('region', { name: '差分' });
    expect(within(diff).getByText('- line b')).toHaveAttribute('data-diff', 'removed');
    expect(within(diff).getByText('+ line c')).toHaveAttribute('data-diff', 'added');
    await user.click(screen.getByRole('button', { name: 'v1 を復元' }));
    // Restoring asks first and says what it does; cancelled, nothing is sent.
    const confirm = await screen.findByRole('dialog', { name: 'バージョン 1 を復元しますか？' });
    expect(confirm).toHaveTextContent('新しいバージョン 3 として追加されます');
    await user.click(within(confirm).getByRole('button', { name: 'キャンセル' }));
    expect(restored).toBe('');
    await user.click(screen.getByRole('button', { name: 'v1 を復元' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'バージョン 1 を復元しますか？' })).getByRole('button', { name: '復元する' }));
    await vi.waitFor(() => expect(restored).toBe('1'));
    // …and says it is done.
    expect(await screen.findByText('復元しました')).toBeInTheDocument();
  });

  it('an editor with changes asks before Esc closes it, and keeps the changes when asked to', async () => {
    server.use(http.get('/api/v1/prompts', () => HttpResponse.json({ items: [], nextCursor: null, total: 0 })));
    renderWithProviders(<PromptsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'プロンプトを作成' }));
    const editor = await screen.findByRole('dialog', { name: 'プロンプトを作成' });
    await user.type(within(editor).getByLabelText('タイトル'), '下書き');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('dialog', { name: '変更を破棄しますか？' });
    await user.click(within(ask).getByRole('button', { name: '編集を続ける' }));
    expect(within(screen.getByRole('dialog', { name: 'プロンプトを作成' })).getByLabelText('タイトル')).toHaveValue('下書き');
    await user.keyboard('{Escape}');
    await user.click(within(await screen.findByRole('dialog', { name: '変更を破棄しますか？' })).getByRole('button', { name: '破棄して閉じる' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('renders on the server and names the missing variables', async () => {
    let sent: unknown;
    server.use(
      http.get('/api/v1/prompts', () => list([makePrompt({ content: '{{a}} {{b}}', variables: ['a', 'b'] })])),
      http.post('/api/v1/prompts/prm_1/render', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ content: 'x {{b}}', missing: ['b'] });
      }),
    );
    renderWithProviders(<PromptsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'LP作成 を使う' }));
    await user.type(await screen.findByLabelText('a'), 'x');
    await user.click(screen.getByRole('button', { name: '変数を埋めて表示' }));
    expect(await screen.findByRole('region', { name: 'レンダリング結果' })).toHaveTextContent('x {{b}}');
    expect(screen.getByText('値のない変数があります: b')).toBeInTheDocument();
    expect(sent).toEqual({ variables: { a: 'x' } });
  });

  it('variables typed but not rendered are not lost to a click outside or Esc; once rendered, closing just closes', async () => {
    server.use(
      http.get('/api/v1/prompts', () => list([makePrompt({ content: '{{a}}', variables: ['a'] })])),
      http.post('/api/v1/prompts/prm_1/render', () => HttpResponse.json({ content: 'x', missing: [] })),
    );
    renderWithProviders(<PromptsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'LP作成 を使う' }));
    const dialog = await screen.findByRole('dialog', { name: /LP作成/ });
    await user.type(within(dialog).getByLabelText('a'), 'x');
    await user.click(dialog.closest('.MuiDialog-container') as HTMLElement);
    const ask = await screen.findByRole('dialog', { name: '変更を破棄しますか？' });
    await user.click(within(ask).getByRole('button', { name: '編集を続ける' }));
    expect(within(dialog).getByLabelText('a')).toHaveValue('x');
    await user.keyboard('{Escape}');
    await user.click(within(await screen.findByRole('dialog', { name: '変更を破棄しますか？' })).getByRole('button', { name: '編集を続ける' }));

    await user.click(within(dialog).getByRole('button', { name: '変数を埋めて表示' }));
    expect(await within(dialog).findByRole('region', { name: 'レンダリング結果' })).toHaveTextContent('x');
    await user.keyboard('{Escape}');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows a server refusal in the editor', async () => {
    server.use(
      http.get('/api/v1/prompts', () => list([])),
      http.post('/api/v1/prompts', () => apiError(403, 'forbidden', 'users may create and keep only private prompts')),
    );
    renderWithProviders(<PromptsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'プロンプトを作成' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('タイトル'), 't');
    await user.type(within(dialog).getByLabelText('本文'), 'c');
    await user.click(within(dialog).getByRole('button', { name: '作成' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('この操作を行う権限がありません。');
  });
});

describe('template helpers (mirror the server rules)', () => {
  it('finds variables and leaves other braces alone', () => {
    expect(templateVariables('{{ a }} {{b}} {{a}} {x} {{two words}}')).toEqual(['a', 'b']);
    const parts = renderTemplate('{{a}}-{{b}}', { a: '1' });
    expect(parts.map((p) => p.text).join('')).toBe('1-{{b}}');
    expect(parts.filter((p) => p.variable && !p.filled).map((p) => p.variable)).toEqual(['b']);
  });
  it('diffs by line', () => {
    expect(diffLines('a\nb', 'a\nc')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'c' },
    ]);
  });

  it("labels another user's private prompt as theirs, with the owner (never 「自分のみ」)", async () => {
    authStore.setAuthenticated({ id: 'root', name: '管理者', email: 'root@example.com', role: 'SuperAdmin', organization: null });
    server.use(
      http.get('/api/v1/prompts', () =>
        list([
          makePrompt({ id: 'prm_a', title: '他人のメモ', visibility: 'private', ownerId: 'usr_x', ownerName: '鈴木' }),
          makePrompt({ id: 'prm_b', title: '自分のメモ', visibility: 'private', ownerId: 'root', ownerName: '管理者' }),
        ]),
      ),
    );
    renderWithProviders(<PromptsPage />);
    expect(await screen.findByText('鈴木 さんのみ')).toBeInTheDocument();
    expect(screen.getByText('作成者: 鈴木')).toBeInTheDocument();
    expect(screen.getAllByText('自分のみ')).toHaveLength(1);
  });
});
