import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import { LoginPage } from './login-page';

async function fill(email: string, password: string) {
  const user = userEvent.setup();
  if (email) await user.type(screen.getByLabelText('メールアドレス'), email);
  if (password) await user.type(screen.getByLabelText('パスワード'), password);
  await user.click(screen.getByRole('button', { name: 'ログイン' }));
}

describe('LoginPage', () => {
  it('validates the fields before calling the server', async () => {
    let called = false;
    server.use(http.post('/api/v1/auth/login', () => ((called = true), HttpResponse.json({}))));
    renderWithProviders(<LoginPage />);
    await fill('', '');
    expect(await screen.findAllByText('入力してください。')).toHaveLength(2);
    await fill('not-an-email', 'x');
    expect(await screen.findByText('メールアドレスの形式が正しくありません。')).toBeInTheDocument();
    expect(called).toBe(false);
  });

  it('sends client "web" and stores the user on success', async () => {
    let body: unknown;
    server.use(
      http.post('/api/v1/auth/login', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ accessToken: 't', expiresIn: 900, user: { id: 'u1', name: '田中', email: 'a@example.com', role: 'User' } });
      }),
    );
    renderWithProviders(<LoginPage />);
    await fill('a@example.com', 'correct horse battery');
    await screen.findByRole('button', { name: 'ログイン' });
    await vi.waitFor(() => expect(authStore.get().status).toBe('authenticated'));
    expect(body).toEqual({ email: 'a@example.com', password: 'correct horse battery', client: 'web' });
  });

  it('shows wrong credentials as a readable message', async () => {
    server.use(http.post('/api/v1/auth/login', () => apiError(401, 'unauthenticated', 'invalid credentials')));
    renderWithProviders(<LoginPage />);
    await fill('a@example.com', 'wrong password');
    expect(await screen.findByRole('alert')).toHaveTextContent('メールアドレスまたはパスワードが正しくありません。');
    expect(authStore.get().status).not.toBe('authenticated');
  });

  it('shows throttling (429) with the Retry-After delay', async () => {
    server.use(http.post('/api/v1/auth/login', () => apiError(429, 'rate_limited', 'too many attempts', { 'Retry-After': '42' })));
    renderWithProviders(<LoginPage />);
    await fill('a@example.com', 'whatever');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('試行回数が多すぎます');
    expect(alert).toHaveTextContent('42秒後にもう一度お試しください。');
  });

  it('switches to English before logging in (and back)', async () => {
    renderWithProviders(<LoginPage />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '日本語' }));
    expect(await screen.findByRole('button', { name: 'ログイン' })).toBeInTheDocument();
  });
});
