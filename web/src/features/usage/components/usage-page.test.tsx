import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { authStore, type Role } from '@/lib/auth-store';
import { renderWithProviders } from '@/test/render';
import { http, HttpResponse, server } from '@/test/server';
import type { UsageGroup, UsageReport, UsageRun, UsageTotals } from '../api/usage-api';
import { UsagePage } from './usage-page';

// The chart library draws SVG from measured sizes that jsdom does not have: the page's own logic is
// tested here with a stand-in that lists what it was given (chart-data.test.ts covers the series).
vi.mock('./usage-chart', () => ({
  UsageChart: ({ series, days, title }: { series: { label: string; data: number[] }[]; days: string[]; title: string }) => (
    <div data-testid="chart-stand-in" data-title={title} data-days={days.length}>
      {series.map((s) => (
        <span key={s.label} data-testid="chart-series">
          {s.label}={s.data.reduce((a, b) => a + b, 0)}
        </span>
      ))}
    </div>
  ),
}));

const TODAY = '2025-03-24';

function totals(over: Partial<UsageTotals> = {}): UsageTotals {
  return {
    uncachedInputTokens: 1000,
    cacheReadInputTokens: 200,
    cacheCreationInputTokens: 30,
    inputTokens: 1230,
    outputTokens: 400,
    requests: 7,
    costCents: '0',
    ...over,
  };
}

function run(over: Partial<UsageRun> = {}): UsageRun {
  return {
    id: 'ucr_1',
    trigger: 'sync',
    status: 'succeeded',
    source: 'analytics',
    from: '2025-01-01',
    to: TODAY,
    daysTotal: 83,
    daysDone: 83,
    rowsWritten: 120,
    startedAt: Date.UTC(2025, 2, 24, 1, 0),
    finishedAt: Date.UTC(2025, 2, 24, 1, 1),
    error: '',
    ...over,
  };
}

const ACME: UsageGroup = {
  key: 'org_acme',
  label: 'Acme 株式会社',
  totals: totals({
    inputTokens: 1_234_567,
    outputTokens: 89_012,
    cacheReadInputTokens: 45_678,
    cacheCreationInputTokens: 9_999,
    requests: 3_456,
    costCents: '123456.785',
  }),
  days: [
    { day: '2025-03-01', ...totals({ costCents: '100000' }) },
    { day: '2025-03-02', ...totals({ costCents: '23456.785' }) },
  ],
};
const NO_ORG: UsageGroup = {
  key: null,
  label: '',
  totals: totals({ costCents: '0.004' }),
  days: [{ day: '2025-03-02', ...totals({ costCents: '0.004' }) }],
};

function report(over: Partial<UsageReport> = {}): UsageReport {
  return {
    from: '2025-03-01',
    to: TODAY,
    groupBy: 'organization',
    currency: 'USD',
    totals: totals({
      inputTokens: 1_235_797,
      outputTokens: 89_412,
      cacheReadInputTokens: 45_878,
      cacheCreationInputTokens: 10_029,
      requests: 3_463,
      costCents: '123456.789',
    }),
    groups: [ACME, NO_ORG],
    latestRun: run(),
    ...over,
  };
}

function login(role: Role) {
  authStore.setAuthenticated({
    id: 'me',
    name: '管理者',
    email: 'root@example.com',
    role,
    organization: role === 'SuperAdmin' ? null : { id: 'org_acme', name: 'Acme 株式会社' },
  });
}

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{pathname + search}</output>;
}

/** Serves GET /usage (answering `answer(params)`) and records every query. */
function serveUsage(answer: (params: URLSearchParams) => UsageReport | Response = () => report()) {
  const asked: URLSearchParams[] = [];
  server.use(
    http.get('/api/v1/usage', ({ request }) => {
      const params = new URL(request.url).searchParams;
      asked.push(params);
      const body = answer(params);
      return body instanceof Response ? body : HttpResponse.json(body);
    }),
    http.get('/api/v1/usage/runs/latest', () => HttpResponse.json(run())),
  );
  return asked;
}

function renderPage(role: Role = 'SuperAdmin', route = '/usage') {
  login(role);
  renderWithProviders(
    <>
      <UsagePage today={TODAY} />
      <Where />
    </>,
    { route },
  );
  return userEvent.setup();
}

describe('UsagePage (利用状況)', () => {
  it('shows every group and the totals: exact dollars from the decimal cents, tokens with separators, placeholders for missing keys', async () => {
    const asked = serveUsage();
    renderPage();
    const table = await screen.findByRole('table', { name: '組織別の合計' });
    expect(screen.getByRole('heading', { level: 1, name: '利用状況' })).toBeInTheDocument();
    expect(asked[0].get('from')).toBe('2025-03-01');
    expect(asked[0].get('to')).toBe(TODAY);
    expect(asked[0].get('groupBy')).toBe('organization');
    expect(asked[0].get('format')).toBeNull();
    expect(screen.getByTestId('usage-range')).toHaveTextContent('2025年3月1日〜2025年3月24日（24日間）');

    const [acme, none] = within(table).getAllByTestId('usage-row');
    expect(within(acme).getByTestId('usage-name')).toHaveTextContent('Acme 株式会社');
    expect(within(acme).getByTestId('usage-input')).toHaveTextContent('1,234,567');
    expect(within(acme).getByTestId('usage-output')).toHaveTextContent('89,012');
    expect(within(acme).getByTestId('usage-cache-read')).toHaveTextContent('45,678');
    expect(within(acme).getByTestId('usage-cache-write')).toHaveTextContent('9,999');
    expect(within(acme).getByTestId('usage-requests')).toHaveTextContent('3,456');
    // "123456.785" cents, rounded half up to whole cents.
    expect(within(acme).getByTestId('usage-cost')).toHaveTextContent(/^\$1,234\.57$/);
    expect(within(none).getByTestId('usage-name')).toHaveTextContent('組織なし');
    expect(within(none).getByTestId('usage-cost')).toHaveTextContent(/^\$0\.00$/);

    const total = screen.getByTestId('usage-total-row');
    expect(within(total).getByRole('rowheader')).toHaveTextContent('合計');
    expect(within(total).getByTestId('usage-cost')).toHaveTextContent(/^\$1,234\.57$/);
    expect(within(total).getByTestId('usage-input')).toHaveTextContent('1,235,797');
    expect(screen.getByTestId('usage-total-summary')).toHaveTextContent('期間の合計: $1,234.57');

    // The chart: titled, one series per group, over every day of the range.
    const figure = screen.getByRole('figure', { name: '日別の費用（米ドル）' });
    const chart = within(figure).getByTestId('chart-stand-in');
    expect(chart).toHaveAttribute('data-days', '24');
    expect(
      within(chart)
        .getAllByTestId('chart-series')
        .map((s) => s.textContent),
    ).toEqual(['Acme 株式会社=1234.56785', '組織なし=0.00004']);
    // The latest collection.
    expect(screen.getByTestId('usage-last-run')).toHaveTextContent('最終集計:');
    expect(screen.getByTestId('usage-run-status')).toHaveTextContent('完了');
    expect(screen.getByTestId('usage-run-details')).toHaveTextContent('同期後に自動 ・ Analytics API ・ 120 行');
  });

  it('switching the grouping asks the server again and keeps the view in the URL', async () => {
    const asked = serveUsage((p) =>
      p.get('groupBy') === 'user'
        ? report({ groupBy: 'user', groups: [{ ...ACME, key: 'usr_1', label: '田中 太郎 <tanaka@example.com>' }, { ...NO_ORG }] })
        : report({ groupBy: (p.get('groupBy') ?? 'organization') as UsageReport['groupBy'] }),
    );
    const user = renderPage();
    await screen.findByRole('table', { name: '組織別の合計' });
    const grouping = screen.getByRole('group', { name: '集計単位' });
    expect(
      within(grouping)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['組織', 'ユーザー', 'APIキー', 'ワークスペース', 'モデル']);

    await user.click(within(grouping).getByRole('button', { name: 'ユーザー' }));
    const table = await screen.findByRole('table', { name: 'ユーザー別の合計' });
    expect(asked.at(-1)?.get('groupBy')).toBe('user');
    expect(screen.getByTestId('where')).toHaveTextContent('/usage?groupBy=user');
    expect(
      within(table)
        .getAllByTestId('usage-name')
        .map((c) => c.textContent),
    ).toEqual(['田中 太郎 <tanaka@example.com>', '未割り当て']);
    expect(within(grouping).getByRole('button', { name: 'ユーザー' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(within(grouping).getByRole('button', { name: 'APIキー' }));
    await screen.findByRole('table', { name: 'APIキー別の合計' });
    expect(asked.at(-1)?.get('groupBy')).toBe('apiKey');
    expect(screen.getByRole('rowheader', { name: 'キーなし' })).toBeInTheDocument();
  });

  it('the period presets ask for the right days (today fixed at 2025-03-24, UTC)', async () => {
    const asked = serveUsage((p) => report({ from: p.get('from') ?? '', to: p.get('to') ?? '' }));
    const user = renderPage();
    await screen.findByRole('table', { name: '組織別の合計' });
    const choose = async (name: string) => {
      await user.click(screen.getByRole('combobox', { name: '期間' }));
      await user.click(await screen.findByRole('option', { name }));
    };
    const last = () => [asked.at(-1)?.get('from'), asked.at(-1)?.get('to')];

    await choose('先月');
    await waitFor(() => expect(last()).toEqual(['2025-02-01', '2025-02-28']));
    expect(screen.getByTestId('where')).toHaveTextContent('/usage?range=lastMonth');
    await choose('過去30日');
    await waitFor(() => expect(last()).toEqual(['2025-02-23', '2025-03-24']));
    await choose('過去90日');
    await waitFor(() => expect(last()).toEqual(['2024-12-25', '2025-03-24']));
    await choose('今月');
    await waitFor(() => expect(last()).toEqual(['2025-03-01', '2025-03-24']));
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/usage$/);

    // カスタム starts from the range on screen; its two days go to the URL and to the server.
    await choose('カスタム');
    const from = screen.getByLabelText('開始日');
    expect(from).toHaveValue('2025-03-01');
    expect(screen.getByLabelText('終了日')).toHaveValue('2025-03-24');
    await user.clear(from);
    await user.type(from, '2025-01-15');
    await waitFor(() => expect(last()).toEqual(['2025-01-15', '2025-03-24']));
    expect(screen.getByTestId('where')).toHaveTextContent('/usage?range=custom&from=2025-01-15&to=2025-03-24');
  });

  it('a shared link opens the same view; a reversed custom range is refused without asking the server', async () => {
    const asked = serveUsage((p) =>
      report({ groupBy: 'model', from: p.get('from') ?? '', to: p.get('to') ?? '', groups: [{ ...ACME, key: 'claude-sonnet-4', label: 'claude-sonnet-4' }] }),
    );
    renderPage('SuperAdmin', '/usage?groupBy=model&range=custom&from=2025-01-01&to=2025-01-31&metric=tokens');
    await screen.findByRole('table', { name: 'モデル別の合計' });
    expect([asked[0].get('groupBy'), asked[0].get('from'), asked[0].get('to')]).toEqual(['model', '2025-01-01', '2025-01-31']);
    expect(screen.getByRole('figure', { name: '日別のトークン数（入力＋出力）' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'トークン' })).toHaveAttribute('aria-pressed', 'true');

    asked.length = 0;
    const user = userEvent.setup();
    const to = screen.getByLabelText('終了日');
    await user.clear(to);
    await user.type(to, '2024-12-31');
    expect(await screen.findByTestId('usage-range-error')).toHaveTextContent('終了日は開始日以降にしてください。');
    expect(screen.getByRole('button', { name: '利用状況CSVをダウンロード' })).toBeDisabled();
    expect(asked).toHaveLength(0);
  });

  it('the chart switches between cost and tokens (in the URL)', async () => {
    serveUsage();
    const user = renderPage();
    await screen.findByRole('figure', { name: '日別の費用（米ドル）' });
    await user.click(screen.getByRole('button', { name: 'トークン' }));
    const figure = await screen.findByRole('figure', { name: '日別のトークン数（入力＋出力）' });
    expect(screen.getByTestId('where')).toHaveTextContent('/usage?metric=tokens');
    // Input + output tokens per group (every day of ACME holds 1230 + 400).
    expect(
      within(figure)
        .getAllByTestId('chart-series')
        .map((s) => s.textContent),
    ).toEqual(['Acme 株式会社=3260', '組織なし=1630']);
  });

  it('the download button fetches format=csv with the bearer token and saves it as a file', async () => {
    const asked = serveUsage();
    let csvRequest: Request | null = null;
    server.use(
      http.get('/api/v1/usage', ({ request }) => {
        if (new URL(request.url).searchParams.get('format') !== 'csv') return undefined;
        csvRequest = request;
        return new HttpResponse('\uFEFFday,group\r\ntotal,,\r\n', {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="usage-2025-03-01-2025-03-24-organization.csv"' },
        });
      }),
    );
    // jsdom has no object URLs (this file's environment is its own).
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:usage');
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => {} });
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const { setAccessToken } = await import('@/lib/api-client');
    setAccessToken('tok-usage');
    try {
      const user = renderPage();
      await screen.findByRole('table', { name: '組織別の合計' });
      await user.click(screen.getByRole('button', { name: '利用状況CSVをダウンロード' }));
      await waitFor(() => expect(clicked).toHaveLength(1));
      const params = new URL(csvRequest!.url).searchParams;
      expect(Object.fromEntries(params)).toEqual({ from: '2025-03-01', to: TODAY, groupBy: 'organization', format: 'csv' });
      expect(csvRequest!.headers.get('Authorization')).toBe('Bearer tok-usage');
      expect(clicked[0]).toEqual({ href: 'blob:usage', download: 'usage-2025-03-01-2025-03-24-organization.csv' });
      const blob = createObjectURL.mock.calls[0][0];
      expect(await blob.text()).toContain('total');
      expect(asked.every((p) => p.get('format') === null)).toBe(true);
    } finally {
      click.mockRestore();
    }
  });

  it('explains per-user and per-key cost when the costs come from the classic reports', async () => {
    serveUsage(() => report({ latestRun: run({ source: 'reports' }) }));
    server.use(http.get('/api/v1/usage/runs/latest', () => HttpResponse.json(run({ source: 'reports' }))));
    renderPage();
    const note = await screen.findByTestId('usage-reports-note');
    expect(note).toHaveTextContent('ユーザー別・APIキー別の費用は分かりません');
    expect(note).toHaveTextContent('$0.00');
    expect(screen.getByTestId('usage-run-details')).toHaveTextContent('Usage & Cost レポート');
  });

  it('no note when the analytics endpoints answered', async () => {
    serveUsage();
    renderPage();
    await screen.findByRole('table', { name: '組織別の合計' });
    expect(screen.queryByTestId('usage-reports-note')).not.toBeInTheDocument();
  });

  it('a User sees their own usage: no collect button, no 組織 or ユーザー grouping, by model first, and never asks for the runs', async () => {
    let runCalls = 0;
    const asked = serveUsage(() => report({ groupBy: 'model', groups: [{ ...ACME, key: 'claude-sonnet-4', label: 'claude-sonnet-4' }], latestRun: run() }));
    server.use(http.get('/api/v1/usage/runs/latest', () => ((runCalls += 1), HttpResponse.json(run()))));
    renderPage('User');
    await screen.findByRole('table', { name: 'モデル別の合計' });
    expect(asked[0].get('groupBy')).toBe('model');
    expect(screen.getByText(/あなたの利用だけを表示しています。/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '今すぐ集計' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '利用状況CSVをダウンロード' })).toBeEnabled();
    const grouping = screen.getByRole('group', { name: '集計単位' });
    expect(
      within(grouping)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['APIキー', 'ワークスペース', 'モデル']);
    expect(runCalls).toBe(0);
  });

  it('a User given a link grouped by organization sees their default grouping instead', async () => {
    const asked = serveUsage(() => report({ groupBy: 'model' }));
    renderPage('User', '/usage?groupBy=organization');
    await screen.findByRole('table', { name: 'モデル別の合計' });
    expect(asked.every((p) => p.get('groupBy') === 'model')).toBe(true);
  });

  it('an Admin sees their organization by user first', async () => {
    const asked = serveUsage(() => report({ groupBy: 'user' }));
    renderPage('Admin');
    await screen.findByRole('table', { name: 'ユーザー別の合計' });
    expect(asked[0].get('groupBy')).toBe('user');
    expect(screen.getByText(/Acme 株式会社 の利用だけを表示しています。/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '今すぐ集計' })).toBeInTheDocument();
  });

  it('今すぐ集計 starts a collection, shows its days as a progress bar while polling, then fetches the report again', async () => {
    let reports = 0;
    let posts = 0;
    let polls = 0;
    const asked = serveUsage(() => {
      reports += 1;
      return reports === 1 ? report({ groups: [], totals: totals({ costCents: '0' }) }) : report();
    });
    server.use(
      http.post('/api/v1/usage/collect', () => ((posts += 1), HttpResponse.json({ runId: 'ucr_2' }, { status: 202 }))),
      http.get('/api/v1/usage/runs/latest', () => {
        if (posts === 0) return HttpResponse.json(run());
        polls += 1;
        // Running for two polls (30 of 90 days, then 60), then done.
        if (polls <= 2)
          return HttpResponse.json(run({ id: 'ucr_2', trigger: 'manual', status: 'running', daysTotal: 90, daysDone: polls * 30, finishedAt: null }));
        return HttpResponse.json(run({ id: 'ucr_2', trigger: 'manual', status: 'succeeded', daysTotal: 90, daysDone: 90, rowsWritten: 321 }));
      }),
    );
    const user = renderPage();
    expect(await screen.findByTestId('usage-empty')).toHaveTextContent('この期間の利用はありません。');
    await user.click(screen.getByRole('button', { name: '今すぐ集計' }));
    const progress = await screen.findByTestId('usage-run-progress');
    expect(screen.getByRole('button', { name: '今すぐ集計' })).toBeDisabled();
    await within(progress).findByText('集計中… 30 / 90 日');
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '33');
    await screen.findByText('集計中… 60 / 90 日');
    // Done: the report again (with rows now), the run's outcome instead of the bar.
    await screen.findByRole('table', { name: '組織別の合計' });
    expect(screen.getByTestId('usage-run-details')).toHaveTextContent('手動 ・ Analytics API ・ 321 行');
    expect(screen.queryByTestId('usage-run-progress')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '今すぐ集計' })).toBeEnabled();
    expect(posts).toBe(1);
    expect(asked).toHaveLength(2);
  });

  it('a failed collection shows its error', async () => {
    serveUsage(() => report({ latestRun: run({ status: 'failed', error: 'anthropic: 529 overloaded' }) }));
    server.use(http.get('/api/v1/usage/runs/latest', () => HttpResponse.json(run({ status: 'failed', error: 'anthropic: 529 overloaded' }))));
    renderPage();
    expect(await screen.findByTestId('usage-run-error')).toHaveTextContent(
      '集計に失敗しました（それまでに集計したデータはそのまま残っています）。 anthropic: 529 overloaded',
    );
    expect(screen.getByTestId('usage-run-status')).toHaveTextContent('失敗');
  });

  it('before the first collection it says so', async () => {
    serveUsage(() => report({ groups: [], latestRun: null }));
    server.use(http.get('/api/v1/usage/runs/latest', () => HttpResponse.json(null)));
    renderPage();
    expect(await screen.findByTestId('usage-empty')).toHaveTextContent('利用状況はまだ集計されていません。');
    expect(screen.getByTestId('usage-last-run')).toHaveTextContent('利用状況はまだ集計されていません。');
  });
});
