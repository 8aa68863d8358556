import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import { ProfilePage } from './profile-page';

const keyA = { id: 'apikey_01A', name: 'old key', hint: 'sk-ant-api03-AAA...AAAA', status: 'active' };
const keyB = { id: 'apikey_01B', name: 'new key', hint: 'sk-ant-api03-BBB...BBBB', status: 'active' };

function me(apiKey: typeof keyA | null) {
  return { id: 'u1', name: '山田', email: 'yamada@example.jp', role: 'User', organization: { id: 'o1', name: 'Acme' }, apiKey };
}

describe('ProfilePage: the own key is always one key', () => {
  it('an admin switched the key meanwhile: the reveal shows the new key with its value, and the page catches up', async () => {
    let meCalls = 0;
    server.use(
      // The page loaded while the user held key A; the admin switched to B before the reveal.
      http.get('/api/v1/me', () => HttpResponse.json(me(++meCalls === 1 ? keyA : keyB))),
      http.get('/api/v1/me/api-key', () => HttpResponse.json({ ...keyB, value: 'sk-ant-api03-BBB-the-full-value-BBBB' })),
    );
    const user = userEvent.setup();
    renderWithProviders(<ProfilePage />);
    expect(await screen.findByTestId('my-api-key')).toHaveTextContent(keyA.hint);
    expect(screen.getByTestId('my-api-key-label')).toHaveTextContent('apikey_01A (old key)');
    await user.click(screen.getByRole('button', { name: '表示／コピー' }));
    // Never A's label next to B's value.
    expect(await screen.findByText('sk-ant-api03-BBB-the-full-value-BBBB')).toBeInTheDocument();
    expect(screen.getByTestId('my-api-key-label')).toHaveTextContent('apikey_01B (new key)');
    await waitFor(() => expect(meCalls).toBe(2));
    expect(screen.getByTestId('my-api-key')).toHaveTextContent('sk-ant-api03-BBB-the-full-value-BBBB');
  });

  it('the key was taken away: a 404 refetches the page, which then says there is none', async () => {
    let meCalls = 0;
    server.use(
      http.get('/api/v1/me', () => HttpResponse.json(me(++meCalls === 1 ? keyA : null))),
      http.get('/api/v1/me/api-key', () => apiError(404, 'not_found', 'no API key is assigned to you')),
    );
    const user = userEvent.setup();
    renderWithProviders(<ProfilePage />);
    await user.click(await screen.findByRole('button', { name: '表示／コピー' }));
    expect(await screen.findByText('APIキーは割り当てられていません。')).toBeInTheDocument();
    expect(meCalls).toBe(2);
  });

  it('refetches the caller when the window gets focus', async () => {
    let meCalls = 0;
    server.use(http.get('/api/v1/me', () => HttpResponse.json(me(++meCalls === 1 ? keyA : keyB))));
    renderWithProviders(<ProfilePage />);
    expect(await screen.findByTestId('my-api-key')).toHaveTextContent(keyA.hint);
    window.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new FocusEvent('focus'));
    expect(await screen.findByText(keyB.hint)).toBeInTheDocument();
  });
});
