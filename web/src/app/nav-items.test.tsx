import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role, SessionUser } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { TopNav } from './app-layout';
import { navItemsFor } from './nav-items';

const ALL = ['ダッシュボード', '組織管理', 'ワークスペース管理', 'APIキー管理', 'ユーザー管理', 'プロンプト管理'];

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
  it('Admin sees the six tabs, in order', () => {
    expect(renderNav('Admin')).toEqual(ALL);
  });
  it('User sees the dashboard and the prompts', () => {
    expect(renderNav('User')).toEqual(['ダッシュボード', 'プロンプト管理']);
  });
  it('marks the current tab', () => {
    renderWithProviders(<TopNav user={{ id: 'u', name: 'n', email: 'e@example.com', role: 'Admin' }} />, { route: '/users' });
    expect(screen.getByRole('link', { name: 'ユーザー管理' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'ダッシュボード' })).not.toHaveAttribute('aria-current');
  });
  it('keeps プロンプト管理 behind its flag (on), after ユーザー管理', () => {
    expect(navItemsFor('Admin', { prompts: false }).map((i) => i.key)).not.toContain('prompts');
    expect(navItemsFor('Admin').map((i) => i.key).at(-1)).toBe('prompts');
  });
});
