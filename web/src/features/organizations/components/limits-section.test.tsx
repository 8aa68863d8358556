import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authStore, type Role } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { LimitGroup, OrganizationLimits } from '../api/limits-api';
import { LimitsSection } from './limits-section';
import { OrganizationPage } from './organization-page';

const ORG = 'org_1';
const WS = 'wrkspc_1';
const SONNET = 'rl_sonnet';
const LIMITS_URL = `/api/v1/organizations/${ORG}/limits`;

function sonnet(rpm = { value: 4000, overridden: false }): LimitGroup {
  return {
    rateLimitId: SONNET,
    groupType: 'model_group',
    displayName: 'Claude Sonnet',
    models: ['claude-sonnet-4-5-20250929'],
    limits: [
      { type: 'requests_per_minute', value: rpm.value, orgLimit: 4000, overridden: rpm.overridden },
      { type: 'input_tokens_per_minute', value: 1_500_000, orgLimit: 2_000_000, overridden: true },
      { type: 'output_tokens_per_minute', value: 400_000, orgLimit: 400_000, overridden: false },
    ],
  };
}
const webSearch: LimitGroup = {
  rateLimitId: 'rl_web',
  groupType: 'web_search',
  displayName: '',
  models: [],
  limits: [{ type: 'tool_uses_per_second', value: 30, orgLimit: 30, overridden: false }],
};

function limits(over: Partial<OrganizationLimits> = {}, groups = [sonnet(), webSearch]): OrganizationLimits {
  return {
    organizationId: ORG,
    spendLimitsAvailable: true,
    spendLimitsUnavailableReason: null,
    organizationLimits: [],
    workspaces: [{ id: WS, name: 'Research', groups, spendLimit: { id: null, amountCents: null } }],
    drift: [],
    ...over,
  };
}

function login(role: Role) {
  authStore.setAuthenticated({
    id: 'me',
    name: '管理者',
    email: 'root@example.com',
    role,
    organization: role === 'SuperAdmin' ? null : { id: ORG, name: 'テスト商事' },
  });
}

function renderSection(data: OrganizationLimits, role: Role = 'SuperAdmin') {
  login(role);
  server.use(http.get(LIMITS_URL, () => HttpResponse.json(data)));
  renderWithProviders(<LimitsSection organizationId={ORG} workspacesHref="/workspaces" />);
  return userEvent.setup();
}

const row = (rateLimitId: string, type: string) => screen.getByTestId(`limit-${rateLimitId}-${type}`);

describe('LimitsSection (上限)', () => {
  it("shows each workspace's groups: values with separators, overridden or inherited, and the ceiling", async () => {
    renderSection(limits());
    const section = await screen.findByRole('region', { name: 'Research' });
    expect(screen.getByRole('heading', { level: 2, name: '上限' })).toBeInTheDocument();
    expect(screen.getByText(/ワークスペースごとに設定します/)).toBeInTheDocument();
    expect(screen.getByText(/約1時間以内に反映されます/)).toBeInTheDocument();
    expect(within(section).getByRole('table', { name: 'Research のレート制限' })).toBeInTheDocument();

    const rpm = row(SONNET, 'requests_per_minute');
    expect(rpm).toHaveTextContent('Claude Sonnet');
    expect(rpm).toHaveTextContent('リクエスト/分');
    expect(within(rpm).getByTestId('limit-value')).toHaveTextContent('4,000');
    expect(within(rpm).getByText('組織の上限を継承')).toBeInTheDocument();
    expect(within(rpm).getByTestId('limit-ceiling')).toHaveTextContent('4,000');

    const itpm = row(SONNET, 'input_tokens_per_minute');
    expect(itpm).toHaveTextContent('入力トークン/分');
    expect(within(itpm).getByTestId('limit-value')).toHaveTextContent('1,500,000');
    expect(within(itpm).getByText('個別設定')).toBeInTheDocument();
    expect(within(itpm).getByTestId('limit-ceiling')).toHaveTextContent('2,000,000');
    expect(row(SONNET, 'output_tokens_per_minute')).toHaveTextContent('出力トークン/分');

    // A group without a display name is named in the user's language; its limiter type too.
    const web = row('rl_web', 'tool_uses_per_second');
    expect(web).toHaveTextContent('ウェブ検索');
    expect(web).toHaveTextContent('ツール使用/秒');

    expect(screen.getByTestId(`spend-${WS}`)).toHaveTextContent('未設定');
    expect(screen.queryByTestId('limits-drift')).not.toBeInTheDocument();
    expect(screen.queryByTestId('spend-unavailable')).not.toBeInTheDocument();
  });

  it("falls back to the raw limiter type and to the organization's own limit as the ceiling", async () => {
    const odd: LimitGroup = {
      rateLimitId: 'rl_x',
      groupType: 'new_kind',
      displayName: '',
      models: [],
      limits: [{ type: 'fast_otpm', value: 7, orgLimit: null, overridden: false }],
    };
    renderSection(limits({ organizationLimits: [{ ...odd, limits: [{ type: 'fast_otpm', value: 12_000, orgLimit: null, overridden: false }] }] }, [odd]));
    const r = await screen.findByTestId('limit-rl_x-fast_otpm');
    expect(r).toHaveTextContent('new_kind');
    expect(r).toHaveTextContent('fast_otpm');
    expect(within(r).getByTestId('limit-ceiling')).toHaveTextContent('12,000');
  });

  it('says when no workspace is linked, with the way to the workspaces tab', async () => {
    renderSection(limits({ workspaces: [] }));
    const empty = await screen.findByTestId('limits-no-workspaces');
    expect(empty).toHaveTextContent('紐付いたワークスペースはまだありません');
    expect(within(empty).getByRole('link', { name: 'ワークスペース管理を開く' })).toHaveAttribute('href', '/workspaces');
  });

  it('shows a failed read (Anthropic not configured)', async () => {
    login('SuperAdmin');
    server.use(http.get(LIMITS_URL, () => apiError(503, 'anthropic_not_configured')));
    renderWithProviders(<LimitsSection organizationId={ORG} workspacesHref="/workspaces" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Anthropic の管理キーが設定されていません');
  });

  describe('the rate-limit dialog (SuperAdmin)', () => {
    const open = async (user: ReturnType<typeof userEvent.setup>) => {
      await user.click(await screen.findByRole('button', { name: 'Research の Claude Sonnet の上限を編集' }));
      return screen.getByRole('dialog', { name: 'Claude Sonnet の上限（Research）' });
    };

    it('prefills the overrides, shows the ceilings, and refuses a value above the ceiling without calling the API', async () => {
      let puts = 0;
      server.use(http.put(`${LIMITS_URL}/workspaces/:ws/rate-limits/:rl`, () => ((puts += 1), HttpResponse.json(limits()))));
      const user = renderSection(limits());
      const dialog = await open(user);
      const rpm = within(dialog).getByLabelText('リクエスト/分');
      expect(rpm).toHaveValue('');
      expect(within(dialog).getByLabelText('入力トークン/分')).toHaveValue('1500000');
      expect(dialog).toHaveTextContent('組織の上限: 4,000（空欄 = 継承）');
      expect(dialog).toHaveTextContent('組織の上限: 2,000,000（空欄 = 継承）');

      await user.type(rpm, '4001');
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      expect(await within(dialog).findByText('組織の上限（4,000）を超える値は設定できません。')).toBeInTheDocument();
      expect(rpm).toHaveAttribute('aria-invalid', 'true');

      await user.clear(rpm);
      await user.type(rpm, '0');
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      expect(await within(dialog).findByText('1 以上の整数で入力してください。')).toBeInTheDocument();

      await user.clear(rpm);
      await user.type(rpm, '12.5');
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      expect(await within(dialog).findByText('1 以上の整数で入力してください。')).toBeInTheDocument();
      expect(puts).toBe(0);
    });

    it('sends only the changed types: a new value, and null for a cleared field; the answer replaces the table', async () => {
      let body: unknown = null;
      let url = '';
      server.use(
        http.put(`${LIMITS_URL}/workspaces/:ws/rate-limits/:rl`, async ({ request }) => {
          url = new URL(request.url).pathname;
          body = await request.json();
          return HttpResponse.json(limits({}, [sonnet({ value: 100, overridden: true }), webSearch]));
        }),
      );
      const user = renderSection(limits());
      const dialog = await open(user);
      await user.type(within(dialog).getByLabelText('リクエスト/分'), '100');
      await user.clear(within(dialog).getByLabelText('入力トークン/分'));
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(url).toBe(`${LIMITS_URL}/workspaces/${WS}/rate-limits/${SONNET}`);
      expect(body).toEqual({
        limits: [
          { type: 'requests_per_minute', value: 100 },
          { type: 'input_tokens_per_minute', value: null },
        ],
      });
      const rpm = row(SONNET, 'requests_per_minute');
      expect(within(rpm).getByTestId('limit-value')).toHaveTextContent('100');
      expect(within(rpm).getByText('個別設定')).toBeInTheDocument();
    });

    it('offers tokens per day although the organization sets no such limit: no ceiling, and it is sent', async () => {
      let body: unknown = null;
      server.use(http.put(`${LIMITS_URL}/workspaces/:ws/rate-limits/:rl`, async ({ request }) => ((body = await request.json()), HttpResponse.json(limits()))));
      const user = renderSection(limits());
      const dialog = await open(user);
      const daily = within(dialog).getByLabelText('トークン/日');
      expect(daily).toHaveValue('');
      expect(dialog).toHaveTextContent('空欄 = 組織の上限を継承');
      await user.type(daily, '5,000,000');
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      await waitFor(() => expect(body).toEqual({ limits: [{ type: 'tokens_per_day', value: 5000000 }] }));
    });

    it('accepts the ceiling itself, written with separators', async () => {
      let body: unknown = null;
      server.use(http.put(`${LIMITS_URL}/workspaces/:ws/rate-limits/:rl`, async ({ request }) => ((body = await request.json()), HttpResponse.json(limits()))));
      const user = renderSection(limits());
      const dialog = await open(user);
      await user.type(within(dialog).getByLabelText('リクエスト/分'), '4,000');
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      await waitFor(() => expect(body).toEqual({ limits: [{ type: 'requests_per_minute', value: 4000 }] }));
    });

    it("shows the server's refusal in the dialog", async () => {
      server.use(http.put(`${LIMITS_URL}/workspaces/:ws/rate-limits/:rl`, () => apiError(400, 'limit_above_organization')));
      const user = renderSection(limits());
      const dialog = await open(user);
      await user.type(within(dialog).getByLabelText('リクエスト/分'), '10');
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      expect(await within(dialog).findByRole('alert')).toHaveTextContent('上限は Anthropic 組織全体の上限を超えられません。');
    });
  });

  describe('the monthly spend limit', () => {
    const SPEND_URL = `${LIMITS_URL}/workspaces/${WS}/spend-limit`;
    const withSpend = (amountCents: string | null) =>
      limits({ workspaces: [{ id: WS, name: 'Research', groups: [sonnet()], spendLimit: { id: amountCents ? 'spl_1' : null, amountCents } }] });

    it.each([
      ['500.25', '50025', '$500.25'],
      ['500', '50000', '$500.00'],
      ['0.5', '50', '$0.50'],
    ])('%s dollars are sent as %s cents and shown as %s', async (typed, cents, shown) => {
      let body: unknown = null;
      server.use(http.put(SPEND_URL, async ({ request }) => ((body = await request.json()), HttpResponse.json(withSpend(cents)))));
      const user = renderSection(withSpend(null));
      await user.click(await screen.findByRole('button', { name: 'Research の月間の利用額上限を設定' }));
      const dialog = screen.getByRole('dialog', { name: '月間の利用額上限（Research）' });
      await user.type(within(dialog).getByLabelText('上限額（米ドル）'), typed);
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(body).toEqual({ amountCents: cents });
      expect(screen.getByTestId(`spend-${WS}`)).toHaveTextContent(shown);
    });

    it.each(['5.005', 'abc', '-1', '0'])('refuses %j without calling the API', async (typed) => {
      let puts = 0;
      server.use(http.put(SPEND_URL, () => ((puts += 1), HttpResponse.json(withSpend('1')))));
      const user = renderSection(withSpend(null));
      await user.click(await screen.findByRole('button', { name: 'Research の月間の利用額上限を設定' }));
      const dialog = screen.getByRole('dialog');
      const field = within(dialog).getByLabelText('上限額（米ドル）');
      await user.type(field, typed);
      await user.click(within(dialog).getByRole('button', { name: '保存' }));
      await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
      expect(dialog).toHaveTextContent(typed === '0' ? '0 より大きい金額を入力してください。' : '小数点以下2桁までの数字で入力してください');
      expect(puts).toBe(0);
    });

    it('prefills the current amount; removing asks first, names the amount and sends null', async () => {
      let body: unknown = null;
      server.use(http.put(SPEND_URL, async ({ request }) => ((body = await request.json()), HttpResponse.json(withSpend(null)))));
      const user = renderSection(withSpend('50025'));
      expect(await screen.findByTestId(`spend-${WS}`)).toHaveTextContent('$500.25');

      await user.click(screen.getByRole('button', { name: 'Research の月間の利用額上限を設定' }));
      expect(within(screen.getByRole('dialog')).getByLabelText('上限額（米ドル）')).toHaveValue('500.25');
      await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'キャンセル' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

      await user.click(screen.getByRole('button', { name: 'Research の月間の利用額上限を削除' }));
      const confirm = screen.getByRole('dialog', { name: 'Research の月間の利用額上限を削除しますか？' });
      expect(confirm).toHaveTextContent('上限 $500.25 を削除します');
      expect(body).toBeNull();
      await user.click(within(confirm).getByRole('button', { name: '上限を削除' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(body).toEqual({ amountCents: null });
      expect(screen.getByTestId(`spend-${WS}`)).toHaveTextContent('未設定');
    });

    it("without the preview: explains it plainly and links the Console's limits page in a new tab", async () => {
      renderSection(
        limits({
          spendLimitsAvailable: false,
          spendLimitsUnavailableReason: 'anthropic_spend_limits_admin_api_writes_not_enabled',
          workspaces: [{ id: WS, name: 'Research', groups: [sonnet()], spendLimit: null }],
        }),
      );
      const info = await screen.findByTestId('spend-unavailable');
      expect(info).toHaveTextContent('月間の利用額上限はポータルから管理できません');
      expect(info).toHaveTextContent('プレビュー）が有効になっていません');
      const link = within(info).getByRole('link', { name: 'Anthropic Console の上限設定を開く（新しいタブ）' });
      expect(link).toHaveAttribute('href', 'https://console.anthropic.com/settings/limits');
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
      expect(screen.queryByTestId(`spend-${WS}`)).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /利用額上限を設定/ })).not.toBeInTheDocument();
    });
  });

  it('warns about limits changed outside the portal: where, what the portal set, what Anthropic has now', async () => {
    renderSection(
      limits({
        drift: [
          { workspaceId: WS, scope: SONNET, type: 'requests_per_minute', expected: 100, actual: 1234, setAt: 1 },
          { workspaceId: WS, scope: SONNET, type: 'output_tokens_per_minute', expected: 5000, actual: null, setAt: 1 },
          { workspaceId: WS, scope: 'spend', type: 'monthly_cents', expected: 50000, actual: 75050, setAt: 1 },
        ],
      }),
    );
    const drift = await screen.findByTestId('limits-drift');
    expect(drift).toHaveTextContent('ポータルの外で変更された上限があります');
    expect(drift).toHaveTextContent('Anthropic Console などポータルの外で変更されています');
    const items = within(drift)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Research ・ Claude Sonnet ・ リクエスト/分: ポータルでの設定 100 → Anthropic の現在の値 1,234',
      'Research ・ Claude Sonnet ・ 出力トークン/分: ポータルでの設定 5,000 → Anthropic の現在の値 組織の上限を継承',
      'Research ・ 月間の利用額上限: ポータルでの設定 $500.00 → Anthropic の現在の値 $750.50',
    ]);
  });

  it('an Admin sees everything read-only', async () => {
    renderSection(
      limits({ workspaces: [{ id: WS, name: 'Research', groups: [sonnet(), webSearch], spendLimit: { id: 'spl_1', amountCents: '50000' } }] }),
      'Admin',
    );
    const section = await screen.findByRole('region', { name: 'Research' });
    expect(within(section).getByTestId(`spend-${WS}`)).toHaveTextContent('$500.00');
    expect(within(section).getByText('個別設定')).toBeInTheDocument();
    expect(screen.getByText(/上限の変更はスーパー管理者が行います/)).toBeInTheDocument();
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '操作' })).not.toBeInTheDocument();
  });
});

describe('OrganizationPage', () => {
  it("shows the organization's name, description and its limits, with the way back to the list", async () => {
    login('SuperAdmin');
    server.use(
      http.get(`/api/v1/organizations/${ORG}`, () =>
        HttpResponse.json({
          id: ORG,
          name: 'テスト商事',
          description: '営業支援',
          memberCount: 1,
          workspaceCount: 1,
          archivedWorkspaceCount: 0,
          apiKeyCount: 0,
          createdAt: '2025-03-24T00:00:00Z',
        }),
      ),
      http.get(LIMITS_URL, () => HttpResponse.json(limits())),
    );
    renderWithProviders(<OrganizationPage organizationId={ORG} listHref="/organizations" workspacesHref="/workspaces" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'テスト商事' })).toBeInTheDocument();
    expect(screen.getByText('営業支援')).toBeInTheDocument();
    const crumbs = screen.getByRole('navigation', { name: 'パンくずリスト' });
    expect(within(crumbs).getByRole('link', { name: '組織管理' })).toHaveAttribute('href', '/organizations');
    expect(await screen.findByRole('region', { name: 'Research' })).toBeInTheDocument();
  });

  it('another organization (404) says it is not found, and never asks for its limits', async () => {
    login('Admin');
    let limitCalls = 0;
    server.use(
      http.get('/api/v1/organizations/:id', () => apiError(404, 'not_found')),
      http.get('/api/v1/organizations/:id/limits', () => ((limitCalls += 1), HttpResponse.json(limits()))),
    );
    renderWithProviders(<OrganizationPage organizationId="org_other" listHref="/organizations" workspacesHref="/workspaces" />);
    expect(await screen.findByTestId('organization-not-found')).toHaveTextContent('この組織は見つかりません');
    expect(screen.getByRole('link', { name: '組織一覧に戻る' })).toHaveAttribute('href', '/organizations');
    expect(limitCalls).toBe(0);
  });
});
