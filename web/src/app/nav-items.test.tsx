import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role, SessionUser } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { AppLayout, MobileNav, TopNav } from './app-layout';
import { navItemsFor } from './nav-items';

const ALL = ['ダッシュボード', '組織管理', 'ワークスペース管理', 'APIキー管理', 'ユーザー管理', '利用状況', 'プロンプト管理'];

function renderNav(role: Role) {
  const user: SessionUser = { id: 'u', name: 'n', email: 'e@example.com', role };
  renderWithProviders(<TopNav user={user} />, { route: '/' });
  const nav = screen.getByRole('navigation');
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('top navigation per role (R-D1)', () => {
  it('SuperAdmin sees every tab, in order', () => {
    expect(renderNav('SuperAdmin')).toEqual(ALL);
  });
  it('Admin sees the seven tabs, in order', () => {
    expect(renderNav('Admin')).toEqual(ALL);
  });
  it('User sees the dashboard, their usage and the prompts', () => {
    expect(renderNav('User')).toEqual(['ダッシュボード', '利用状況', 'プロンプト管理']);
  });
  it('利用状況 is for every role, after ユーザー管理 and before プロンプト管理', () => {
    for (const role of ['SuperAdmin', 'Admin', 'User'] as Role[]) {
      const keys = navItemsFor(role).map((i) => i.key);
      expect(keys).toContain('usage');
      expect(keys.indexOf('usage')).toBe(keys.indexOf('prompts') - 1);
    }
    const all = navItemsFor('SuperAdmin').map((i) => i.key);
    expect(all.indexOf('usage')).toBe(all.indexOf('users') + 1);
  });
  it('marks the current tab', () => {
    renderWithProviders(<TopNav user={{ id: 'u', name: 'n', email: 'e@example.com', role: 'Admin' }} />, { route: '/users' });
    expect(screen.getByRole('link', { name: 'ユーザー管理' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'ダッシュボード' })).not.toHaveAttribute('aria-current');
  });
  it('keeps プロンプト管理 behind its flag (on), after ユーザー管理', () => {
    expect(navItemsFor('Admin', { prompts: false }).map((i) => i.key)).not.toContain('prompts');
    expect(
      navItemsFor('Admin')
        .map((i) => i.key)
        .at(-1),
    ).toBe('prompts');
  });
});

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

const someone = (role: Role): SessionUser => ({ id: 'u', name: 'n', email: 'e@example.com', role });

describe('navigation on a phone', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('a menu button opens the same tabs in the same order, the current one marked, and a tab navigates', async () => {
    renderWithProviders(
      <>
        <MobileNav user={someone('Admin')} />
        <Where />
      </>,
      { route: '/users' },
    );
    const user = userEvent.setup();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'ナビゲーションを開く' }));
    const nav = await screen.findByRole('navigation', { name: 'メインナビゲーション' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(ALL);
    expect(within(nav).getByRole('link', { name: 'ユーザー管理' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'ダッシュボード' })).not.toHaveAttribute('aria-current');

    await user.click(within(nav).getByRole('link', { name: 'APIキー管理' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/api-keys');
    await waitFor(() => expect(screen.queryByRole('navigation')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'ナビゲーションを開く' }));
    expect(await screen.findByRole('link', { name: 'APIキー管理' })).toHaveAttribute('aria-current', 'page');
  });

  it("a User's menu holds the dashboard, their usage and the prompts", async () => {
    renderWithProviders(<MobileNav user={someone('User')} />, { route: '/' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'ナビゲーションを開く' }));
    const nav = await screen.findByRole('navigation');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['ダッシュボード', '利用状況', 'プロンプト管理']);
  });

  it('the top bar shows the menu button instead of the tabs on a narrow screen', () => {
    // Every media query matches, as on a phone (jsdom has no layout of its own).
    vi.stubGlobal('matchMedia', (media: string) => ({
      matches: true,
      media,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }));
    renderWithProviders(<AppLayout user={someone('SuperAdmin')} />, { route: '/' });
    expect(screen.getByRole('button', { name: 'ナビゲーションを開く' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('the top bar shows the tabs on a wide screen', () => {
    renderWithProviders(<AppLayout user={someone('SuperAdmin')} />, { route: '/' });
    expect(within(screen.getByRole('navigation')).getAllByRole('link')).toHaveLength(ALL.length);
    expect(screen.queryByRole('button', { name: 'ナビゲーションを開く' })).not.toBeInTheDocument();
  });
});
