import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { ApiKey } from '../api/api-keys-api';
import { ApiKeyPicker } from './api-key-picker';
import { RegisterSecretDialog } from './register-secret-dialog';

const VALUE = 'sk-ant-api03-' + 'a'.repeat(80) + 'xyAA';

function key(over: Partial<ApiKey>): ApiKey {
  return {
    id: 'apikey_01',
    name: 'k',
    status: 'active',
    hint: 'sk-ant-api03-aaa...xyAA',
    workspaceId: 'wrkspc_1',
    organizationId: 'org_1',
    secretRegistered: true,
    assignedUser: null,
    createdAt: '2025-03-24T00:00:00Z',
    ...over,
  };
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
          { error: { code: 'ambiguous_key', message: 'several', candidates: [key({ id: 'apikey_A', label: 'apikey_A: sk-ant-api03-aaa...xyAA (one)' }), key({ id: 'apikey_B', name: 'two' })] }, requestId: 'r' },
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

function Picker({ organizationId }: { organizationId: string }) {
  const [value, setValue] = useState<string | null>(null);
  return <ApiKeyPicker organizationId={organizationId} value={value} onChange={setValue} />;
}

describe('ApiKeyPicker (R-U1, R-K5)', () => {
  it("asks for the organization's free keys and offers only the assignable ones, by label", async () => {
    let query: URLSearchParams | null = null;
    server.use(
      http.get('/api/v1/api-keys', ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          items: [
            key({ id: 'apikey_free', name: 'saitou', label: 'apikey_free: sk-ant-api03-rag...nwAA (saitou)' }),
            key({ id: 'apikey_unregistered', secretRegistered: false }),
            key({ id: 'apikey_inactive', status: 'inactive' }),
            key({ id: 'apikey_vanished', vanished: true }),
            key({ id: 'apikey_nolabel', name: 'plain', hint: 'sk-ant-api03-xyz...12AA' }),
          ],
          nextCursor: null,
          total: 5,
        });
      }),
    );
    renderWithProviders(<Picker organizationId="org_1" />);
    await screen.findByText('この組織の、値が登録済みで未割り当ての有効なキーだけが表示されます。');
    expect(query!.get('organizationId')).toBe('org_1');
    expect(query!.get('assigned')).toBe('false');
    await userEvent.setup().click(screen.getByRole('combobox', { name: 'APIキー（任意）' }));
    const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(options).toEqual(['割り当てない', 'apikey_free: sk-ant-api03-rag...nwAA (saitou)', 'apikey_nolabel: sk-ant-api03-xyz...12AA (plain)']);
  });

  it('says what to do when the organization has no free key', async () => {
    server.use(http.get('/api/v1/api-keys', () => HttpResponse.json({ items: [key({ secretRegistered: false })], nextCursor: null, total: 1 })));
    renderWithProviders(<Picker organizationId="org_1" />);
    expect(await screen.findByText('この組織に割り当てられるキーがありません。APIキー管理でキーの値を登録してください。')).toBeInTheDocument();
  });
});
