import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import { OnboardingWizard } from './onboarding-wizard';

async function fillStep1(values: { name?: string; email?: string; password?: string; confirm?: string }) {
  const user = userEvent.setup();
  if (values.name) await user.type(screen.getByLabelText('氏名'), values.name);
  if (values.email) await user.type(screen.getByLabelText('メールアドレス'), values.email);
  if (values.password) await user.type(screen.getByLabelText('パスワード'), values.password);
  if (values.confirm) await user.type(screen.getByLabelText('パスワード（確認）'), values.confirm);
  await user.click(screen.getByRole('button', { name: '作成して次へ' }));
  return user;
}

describe('OnboardingWizard step 1', () => {
  it('requires every field', async () => {
    renderWithProviders(<OnboardingWizard onFinish={() => {}} />);
    await fillStep1({});
    expect((await screen.findAllByText('入力してください。')).length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a password shorter than 12 characters and a confirmation that differs', async () => {
    let called = false;
    server.use(http.post('/api/v1/setup', () => ((called = true), HttpResponse.json({}, { status: 201 }))));
    renderWithProviders(<OnboardingWizard onFinish={() => {}} />);
    await fillStep1({ name: '管理者', email: 'root@example.com', password: 'short', confirm: 'different' });
    expect(await screen.findByText('パスワードは12〜128文字で入力してください。', { selector: 'p.Mui-error' })).toBeInTheDocument();
    expect(screen.getByText('パスワードが一致しません。')).toBeInTheDocument();
    expect(called).toBe(false);
  });

  it('rejects a password longer than 128 characters', async () => {
    renderWithProviders(<OnboardingWizard onFinish={() => {}} />);
    const long = 'a'.repeat(129);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('氏名'), '管理者');
    await user.type(screen.getByLabelText('メールアドレス'), 'root@example.com');
    await user.click(screen.getByLabelText('パスワード'));
    await user.paste(long);
    await user.click(screen.getByLabelText('パスワード（確認）'));
    await user.paste(long);
    await user.click(screen.getByRole('button', { name: '作成して次へ' }));
    expect(await screen.findByText('パスワードは12〜128文字で入力してください。', { selector: 'p.Mui-error' })).toBeInTheDocument();
  });

  it('creates the SuperAdmin, logs in and moves on; a 404 for the admin key lets the user continue', async () => {
    let body: unknown;
    server.use(
      http.post('/api/v1/setup', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          { accessToken: 't', expiresIn: 900, user: { id: 'u1', name: '管理者', email: 'root@example.com', role: 'SuperAdmin' } },
          { status: 201 },
        );
      }),
      http.put('/api/v1/settings/anthropic', () => apiError(404, 'not_found')),
    );
    renderWithProviders(<OnboardingWizard onFinish={() => {}} />);
    const user = await fillStep1({ name: '管理者', email: 'root@example.com', password: 'a-long-password-1', confirm: 'a-long-password-1' });
    expect(await screen.findByLabelText('管理キー')).toBeInTheDocument();
    expect(body).toEqual({ name: '管理者', email: 'root@example.com', password: 'a-long-password-1' });
    expect(authStore.get().status).toBe('authenticated');

    await user.type(screen.getByLabelText('管理キー'), 'sk-ant-admin01-abcdefgh');
    await user.click(screen.getByRole('button', { name: '確認して保存' }));
    expect(await screen.findByText(/未実装/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '続行' })).toBeInTheDocument();
  });
});
