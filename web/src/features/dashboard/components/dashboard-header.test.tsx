import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '@/i18n';
import type { SessionUser } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { DashboardHeader } from './dashboard-header';

const base: SessionUser = { id: 'u1', name: '田中', email: 'tanaka@example.com', role: 'Admin' };
const now = new Date(2025, 2, 24, 9, 0, 0);

describe('DashboardHeader', () => {
  it('greets with さん, shows the date, email and the role badge', () => {
    renderWithProviders(<DashboardHeader user={base} now={now} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('ようこそ、田中さん');
    expect(screen.getByTestId('dashboard-date')).toHaveTextContent('2025年3月24日');
    expect(screen.getByText('tanaka@example.com')).toBeInTheDocument();
    expect(screen.getByText('権限')).toBeInTheDocument();
    expect(screen.getByTestId('role-badge')).toHaveTextContent('管理者');
  });

  it.each(['田中さん', '山田様'])('never doubles the honorific for %s', (name) => {
    renderWithProviders(<DashboardHeader user={{ ...base, name }} now={now} />);
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent(`ようこそ、${name}`);
    expect(heading.textContent).not.toMatch(/さんさん|様さん/);
  });

  it('speaks English when switched', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<DashboardHeader user={{ ...base, role: 'SuperAdmin' }} now={now} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Welcome, 田中');
    expect(screen.getByTestId('dashboard-date')).toHaveTextContent('March 24, 2025');
    expect(screen.getByTestId('role-badge')).toHaveTextContent('Super admin');
  });
});
