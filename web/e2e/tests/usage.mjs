// 利用状況 against the real API and the demo emulator: the collection on demand, the
// chart and the table per grouping and period, the CSV (its lines add up, exactly, to its total
// and to the total on screen), the dashboard's cost per organization, and a User's own usage.
import { readFileSync } from 'node:fs';
import { account, assert, expectA11y, login, navTabs, newPage, screenshot, startPortal, suite } from '../harness.mjs';

const test = suite('usage');

// --- exact decimal arithmetic on the cent strings (never floats) --------------------------------
const SCALE = 9;

/** `"1234.5678"` cents → 1234567800000n (billionths of a cent). */
function units(decimal) {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?$/.exec(decimal);
  if (!m) throw new Error(`not a decimal amount of cents: ${JSON.stringify(decimal)}`);
  const v = BigInt(m[2] + (m[3] ?? '').padEnd(SCALE, '0'));
  return m[1] ? -v : v;
}

/** Whole cents, rounded half up (half away from zero), as the page rounds. */
function roundedCents(u) {
  const unit = 10n ** BigInt(SCALE);
  const negative = u < 0n;
  const a = negative ? -u : u;
  const cents = a / unit + (a % unit >= unit / 2n ? 1n : 0n);
  return negative ? -cents : cents;
}

/** `"$1,234.57"` → 123457n. */
function screenCents(text) {
  const m = /^(-)?\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`not a dollar amount: ${JSON.stringify(text)}`);
  const v = BigInt(m[2].replace(/,/g, '') + m[3]);
  return m[1] ? -v : v;
}

/** RFC 4180 lines (quoted fields may hold commas and quotes). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r\n/).filter(Boolean)) {
    const fields = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') ((value += '"'), (i += 2));
          else if (line[i] === '"') break;
          else value += line[i++];
        }
        fields.push(value);
        i += 2; // the closing quote and the comma
      } else {
        const end = line.indexOf(',', i);
        fields.push(line.slice(i, end === -1 ? line.length : end));
        i = end === -1 ? line.length + 1 : end + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}

/** The UTC day `n` days before today, and how the page writes it in Japanese. */
const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const jaDay = (day) => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Logs in through the API; answers a GET bound to the session's access token. */
async function apiAs(portal, who) {
  const res = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (!res.ok) throw new Error(`API login of ${who.email}: ${res.status} ${await res.text()}`);
  const { accessToken } = await res.json();
  return async (path) => {
    const r = await fetch(`${portal.baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

/** The table's rows as { name, cost } and its total's cost (texts as shown). */
async function readTable(page) {
  const table = page.getByTestId('usage-table');
  const names = await table.getByTestId('usage-row').getByTestId('usage-name').allTextContents();
  const costs = await table.getByTestId('usage-row').getByTestId('usage-cost').allTextContents();
  const total = await table.getByTestId('usage-total-row').getByTestId('usage-cost').textContent();
  return { rows: names.map((name, i) => ({ name, cost: costs[i] })), total: total ?? '' };
}

test('SuperAdmin collects now, reads the chart and the table by organization, user and model, downloads the last 30 days as CSV (its lines add up exactly to its total and to the screen); the dashboard shows the cost per organization; a User sees only their own usage', async () => {
  // A portal of its own: this test starts a collection.
  const portal = await startPortal({ demo: true });
  const su = await newPage(portal.baseUrl);
  const usr = await newPage(portal.baseUrl);
  const { page } = su;
  try {
    const superApi = await apiAs(portal, account(portal, 'SuperAdmin'));
    await login(page, account(portal, 'SuperAdmin'));
    await page.getByRole('navigation', { name: 'メインナビゲーション' }).getByRole('link', { name: '利用状況' }).click();
    await page.getByRole('heading', { level: 1, name: '利用状況' }).waitFor();
    assert(new URL(page.url()).pathname === '/usage', `the usage URL: ${page.url()}`);

    // The demo collects after its first sync; 今すぐ集計 runs it again (and waits for it if needed).
    const collect = page.getByRole('button', { name: '今すぐ集計' });
    await collect.waitFor();
    const before = await superApi('/usage/runs/latest');
    await collect.click();
    // The run it started, finished: the page shows it as the latest (manual, succeeded).
    await page.getByTestId('usage-last-run').getByTestId('usage-run-details').getByText('手動', { exact: false }).waitFor({ timeout: 60_000 });
    await page.getByTestId('usage-run-status').getByText('完了', { exact: true }).waitFor();
    const after = await superApi('/usage/runs/latest');
    assert(after && after.status === 'succeeded' && after.trigger === 'manual' && after.id !== before?.id, `a new manual run: ${JSON.stringify(after)}`);
    assert((await collect.isEnabled()) === true, '今すぐ集計 is enabled again');

    // This month by organization: the chart (an SVG of bars) and the table with its totals.
    const chart = page.getByRole('figure', { name: '日別の費用（米ドル）' });
    await chart.locator('svg').first().waitFor();
    await page.getByRole('table', { name: '組織別の合計' }).waitFor();
    const byOrg = await readTable(page);
    const thisMonth = await superApi('/usage?groupBy=organization');
    assert(byOrg.rows.length === thisMonth.groups.length && byOrg.rows.length > 0, `one row per organization: ${JSON.stringify(byOrg)}`);
    assert(
      screenCents(byOrg.total) === roundedCents(units(thisMonth.totals.costCents)),
      `the total on screen ${byOrg.total} = ${thisMonth.totals.costCents} cents`,
    );
    const sample = byOrg.rows.find((r) => r.name === '株式会社サンプル');
    assert(sample, `株式会社サンプル in the table: ${JSON.stringify(byOrg.rows)}`);
    const bars = await chart.locator('svg rect').count();
    assert(bars > 0, 'the chart draws bars');
    await screenshot(page, 'usage');
    await expectA11y(page, 'usage');

    // By user: other rows, named after people (and 未割り当て for the days nobody held the key).
    const grouping = page.getByRole('group', { name: '集計単位' });
    await grouping.getByRole('button', { name: 'ユーザー', exact: true }).click();
    await page.getByRole('table', { name: 'ユーザー別の合計' }).waitFor();
    assert(new URL(page.url()).searchParams.get('groupBy') === 'user', `groupBy in the URL: ${page.url()}`);
    const byUser = await readTable(page);
    const userAccount = account(portal, 'User');
    const userRow = byUser.rows.find((r) => r.name.includes(`<${userAccount.email}>`));
    assert(userRow, `the demo User's row: ${JSON.stringify(byUser.rows)}`);
    assert(JSON.stringify(byUser.rows.map((r) => r.name)) !== JSON.stringify(byOrg.rows.map((r) => r.name)), 'the table changed with the grouping');
    assert(byUser.total === byOrg.total, `the same total by user (${byUser.total}) and by organization (${byOrg.total})`);

    // By model.
    await grouping.getByRole('button', { name: 'モデル', exact: true }).click();
    await page.getByRole('table', { name: 'モデル別の合計' }).waitFor();
    const byModelMonth = await readTable(page);
    assert(byModelMonth.rows.length > 0 && byModelMonth.rows.every((r) => r.name.startsWith('claude-')), `models: ${JSON.stringify(byModelMonth.rows)}`);

    // The last 30 days.
    await page.getByRole('combobox', { name: '期間' }).click();
    await page.getByRole('option', { name: '過去30日' }).click();
    const range30 = `${jaDay(daysAgo(29))}〜${jaDay(daysAgo(0))}（30日間）`;
    await page.getByTestId('usage-range').getByText(range30, { exact: true }).waitFor();
    await page.waitForURL((u) => new URL(u).searchParams.get('range') === 'last30');
    // The table shows the new period once its report arrived (no dimmed placeholder left).
    await page.locator('[data-testid="usage-table"][aria-busy="false"]').waitFor();
    const byModel = await readTable(page);
    // A reload keeps the view.
    await page.reload();
    await page.getByRole('table', { name: 'モデル別の合計' }).waitFor();
    await page.getByTestId('usage-range').getByText(range30, { exact: true }).waitFor();
    assert((await readTable(page)).total === byModel.total, 'the same view after a reload');
    await screenshot(page, 'usage-models-30-days');

    // The CSV of the same view: its group lines add up exactly to its total line and to the screen.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '利用状況CSVをダウンロード' }).click()]);
    assert(/^usage-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-model\.csv$/.test(download.suggestedFilename()), `the file name: ${download.suggestedFilename()}`);
    const text = readFileSync(await download.path(), 'utf8');
    assert(text.startsWith('\uFEFF'), 'the CSV starts with a BOM');
    const [header, ...lines] = parseCsv(text.slice(1));
    assert(
      header.join(',') === 'day,group,label,uncached_input_tokens,cache_read_input_tokens,cache_creation_input_tokens,output_tokens,requests,cost_cents',
      `header: ${header}`,
    );
    const cost = header.indexOf('cost_cents');
    const totalLine = lines.at(-1);
    assert(totalLine[0] === 'total', `the last line is the total: ${totalLine}`);
    const groupLines = lines.slice(0, -1);
    assert(groupLines.length > 0 && groupLines.every((l) => /^\d{4}-\d{2}-\d{2}$/.test(l[0])), 'one line per group and day');
    const sum = groupLines.reduce((acc, l) => acc + units(l[cost]), 0n);
    assert(sum === units(totalLine[cost]), `the lines add up to ${sum} (billionths of a cent), the total line says ${totalLine[cost]}`);
    assert(roundedCents(sum) === screenCents(byModel.total), `the CSV's total ${totalLine[cost]} cents is the ${byModel.total} on screen`);
    // And per model, as the table's rows show them.
    for (const row of byModel.rows) {
      const modelSum = groupLines.filter((l) => l[2] === row.name).reduce((acc, l) => acc + units(l[cost]), 0n);
      assert(roundedCents(modelSum) === screenCents(row.cost), `${row.name}: the CSV adds up to ${modelSum}, the table shows ${row.cost}`);
    }

    // The dashboard: this month's cost on the organization's card, as the usage tab shows it.
    await page.getByRole('navigation', { name: 'メインナビゲーション' }).getByRole('link', { name: 'ダッシュボード' }).click();
    const card = page.getByRole('article', { name: '株式会社サンプル' });
    await card.getByTestId('organization-cost-amount').getByText(sample.cost, { exact: true }).waitFor();
    await card.getByTestId('organization-cost-change').waitFor();
    await screenshot(page, 'dashboard-usage');
    await expectA11y(page, 'dashboard with costs');

    // A User: the tab, their own usage only (what the SuperAdmin sees on their row), and no collection.
    await login(usr.page, userAccount);
    assert(
      JSON.stringify(await navTabs(usr.page)) === JSON.stringify(['ダッシュボード', '利用状況', 'プロンプト管理']),
      `the User's tabs: ${JSON.stringify(await navTabs(usr.page))}`,
    );
    assert((await usr.page.getByTestId('organization-cost').count()) === 0, "no organization cost on a User's dashboard");
    await usr.page.getByRole('navigation', { name: 'メインナビゲーション' }).getByRole('link', { name: '利用状況' }).click();
    await usr.page.getByRole('table', { name: 'モデル別の合計' }).waitFor();
    await usr.page.getByText('あなたの利用だけを表示しています。', { exact: false }).waitFor();
    assert((await usr.page.getByRole('button', { name: '今すぐ集計' }).count()) === 0, 'no 今すぐ集計 for a User');
    const userGroupings = await usr.page.getByRole('group', { name: '集計単位' }).getByRole('button').allTextContents();
    assert(JSON.stringify(userGroupings) === JSON.stringify(['APIキー', 'ワークスペース', 'モデル']), `a User's groupings: ${JSON.stringify(userGroupings)}`);
    const own = await readTable(usr.page);
    assert(own.total === userRow.cost, `the User's total ${own.total} is their row on the SuperAdmin's screen (${userRow.cost})`);
    assert(own.total !== byOrg.total, "a User does not see everyone's usage");
    const userApi = await apiAs(portal, userAccount);
    const asUser = await userApi('/usage?groupBy=user');
    assert(
      asUser.groups.length === 1 && asUser.groups[0].label.includes(userAccount.email),
      `grouped by user, a User is alone: ${JSON.stringify(asUser.groups.map((g) => g.label))}`,
    );
    await screenshot(usr.page, 'usage-user');
    await expectA11y(usr.page, 'usage (User)');

    su.assertNoLoop();
    usr.assertNoLoop();
  } finally {
    await Promise.all([su.context.close(), usr.context.close()]);
    await portal.stop();
  }
});
