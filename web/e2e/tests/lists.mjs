// Lists of any length.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { account, assert, expectA11y, FAST_PASSWORD_HASHING, fieldShows, login, newPage, screenshot, startEmulator, startPortal, suite } from '../harness.mjs';

const test = suite('lists');

/** A client of the real API with a CLI token (no cookie): `api(path, {method, body})` → JSON. */
async function apiSession(baseUrl, { email, password }) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, client: 'cli' }),
  });
  assert(login.ok, `login ${email}: ${login.status}`);
  const { accessToken } = await login.json();
  return async (path, { method = 'GET', body } = {}) => {
    const headers = { Authorization: `Bearer ${accessToken}`, 'X-Requested-With': 'XMLHttpRequest' };
    if (body) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** Runs fn(0 … count-1), `concurrency` at a time. */
async function inParallel(count, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/** The server's own rows 500 and 501 of a list (the last of its first page of 500 and the next). */
async function around500(api, path) {
  const first = await api(`${path}?limit=500`);
  const second = await api(`${path}?limit=500&cursor=${encodeURIComponent(first.nextCursor)}`);
  return { row500: first.items[499], row501: second.items[0], total: first.total };
}

/** Shows 100 rows a page and clicks 「次へ」 up to page `target`, waiting for each page's rows. */
async function pageForward(page, target, firstRowOf) {
  await page.getByRole('combobox', { name: '表示件数' }).click();
  await page.getByRole('option', { name: '100', exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
  for (let n = 2; n <= target; n++) {
    await page.getByRole('button', { name: '次へ' }).click();
    await page
      .getByTestId('table-page')
      .filter({ hasText: new RegExp(`^${n} / `) })
      .waitFor();
    await firstRowOf(n).waitFor();
  }
}

const BULK = 1200;

test('lists of any length: 1 200 users and 1 200 keys; rows past the 500th by paging, by search and by URL', async () => {
  const seedDir = mkdtempSync(join(tmpdir(), 'portal-e2e-seed-'));
  const seedFile = join(seedDir, 'bulk-keys.json');
  const keyName = (i) => `bulk key ${String(i).padStart(4, '0')}`;
  writeFileSync(
    seedFile,
    JSON.stringify({
      organization: { name: 'Bulk Keys Org' },
      users: [{ email: 'owner@bulk.example', role: 'admin' }],
      workspaces: [{ name: 'Bulk' }],
      api_keys: Array.from({ length: BULK }, (_, i) => ({ name: keyName(i), workspace: 'Bulk', status: 'active' })),
    }),
  );
  const adminKey = 'sk-ant-admin01-e2e-bulk-lists-0000000000';
  const [usersPortal, keysPortal, emulator] = await Promise.all([
    startPortal({ demo: true, env: FAST_PASSWORD_HASHING }),
    startPortal({ demo: false }),
    startEmulator(adminKey, { seedFile }),
  ]);
  const keys = await newPage(keysPortal.baseUrl);
  const users = await newPage(usersPortal.baseUrl);
  try {
    // 1 200 users through the real API, 8 at a time, while the other portal onboards below.
    const superAdmin = account(usersPortal, 'SuperAdmin');
    const usersApi = await apiSession(usersPortal.baseUrl, superAdmin);
    const demoOrg = (await usersApi('/organizations')).items[0];
    const before = (await usersApi('/users?limit=1')).total;
    const email = (i) => `bulk-${String(i).padStart(4, '0')}@example.com`;
    const created = inParallel(BULK, 8, (i) =>
      usersApi('/users', { method: 'POST', body: { name: `一括 ${String(i).padStart(4, '0')}`, email: email(i), role: 'User', organizationId: demoOrg.id } }),
    );
    created.catch(() => {}); // awaited below; never an unhandled rejection meanwhile

    // A fresh portal onboarded against an emulator that holds 1 200 keys; the first sync takes them all.
    const page = keys.page;
    await page.goto('/setup');
    await page.getByLabel('氏名').fill('一覧 担当');
    await page.getByLabel('メールアドレス').fill('lists@example.com');
    await page.getByLabel('パスワード', { exact: true }).fill('e2e-lists-secret-pw');
    await page.getByLabel('パスワード（確認）').fill('e2e-lists-secret-pw');
    await page.getByRole('button', { name: '作成して次へ' }).click();
    await page.getByLabel('管理キー').fill(adminKey);
    await page.getByLabel('ベースURL（任意）').fill(emulator.url);
    await page.getByRole('button', { name: '確認して保存' }).click();
    const synced = page.getByTestId('sync-result');
    await synced.waitFor({ timeout: 45_000 });
    assert(/^完了: ワークスペース 1 件、APIキー 1,?200 件/.test((await synced.textContent()) ?? ''), `sync: ${await synced.textContent()}`);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: 'ダッシュボードへ' }).click();
    await page.getByRole('heading', { level: 1, name: 'ようこそ、一覧 担当さん' }).waitFor();

    const keysApi = await apiSession(keysPortal.baseUrl, { email: 'lists@example.com', password: 'e2e-lists-secret-pw' });
    const { row501: key501, total: keyTotal } = await around500(keysApi, '/api-keys');
    assert(keyTotal === BULK, `keys in the portal: ${keyTotal}`);
    await page.getByRole('navigation').getByRole('link', { name: 'APIキー管理' }).click();
    await page.getByRole('heading', { level: 1, name: 'APIキー管理' }).waitFor();
    await page
      .getByTestId('table-total')
      .getByText(`全 ${BULK.toLocaleString('ja-JP')} 件`, { exact: true })
      .waitFor();
    // Rows 501–600 are page 6 of 100: the server's row 501 is there.
    await pageForward(page, 6, (n) => page.getByTestId('table-page').filter({ hasText: new RegExp(`^${n} / 12 ページ$`) }));
    await page.getByTestId(`api-key-row-${key501.id}`).getByText(key501.name).waitFor();
    assert(/[?&]cursor=/.test(page.url()) && /[?&]size=100/.test(page.url()), `the page is in the URL: ${page.url()}`);
    await screenshot(page, 'api-keys-page-6');
    // The URL alone brings the same page back.
    await page.reload();
    await page.getByTestId(`api-key-row-${key501.id}`).waitFor();
    assert(/^6 \/ 12 ページ$/.test((await page.getByTestId('table-page').textContent()) ?? ''), 'page 6 after a reload');
    // The oldest key (row 1 200) by search on the server.
    const oldest = keyName(0);
    await page.getByRole('searchbox', { name: '検索' }).fill(oldest);
    await page.getByTestId('table-total').getByText('全 1 件', { exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: oldest }).waitFor();
    assert(!/[?&]cursor=/.test(page.url()), `a search starts at the first page: ${page.url()}`);
    keys.assertNoLoop();

    // Users: the server's row 501 on page 6, back to page 5, and the oldest one by search.
    await created;
    const u = users.page;
    const { row500: user500, row501: user501, total: userTotal } = await around500(usersApi, '/users');
    assert(userTotal === before + BULK, `users: ${userTotal}, want ${before} + ${BULK}`);
    await login(u, superAdmin);
    await u.getByRole('navigation').getByRole('link', { name: 'ユーザー管理' }).click();
    await u.getByRole('heading', { level: 1, name: 'ユーザー管理' }).waitFor();
    await u
      .getByTestId('table-total')
      .getByText(`全 ${userTotal.toLocaleString('ja-JP')} 件`, { exact: true })
      .waitFor();
    const pages = Math.ceil(userTotal / 100);
    await pageForward(u, 6, (n) => u.getByTestId('table-page').filter({ hasText: new RegExp(`^${n} / ${pages} ページ$`) }));
    await u.getByTestId(`user-row-${user501.email}`).waitFor();
    await screenshot(u, 'users-page-6');
    await expectA11y(u, 'users, page 6');
    await u.getByRole('button', { name: '前へ' }).click();
    await u.getByTestId(`user-row-${user500.email}`).waitFor();
    assert(/^5 \/ /.test((await u.getByTestId('table-page').textContent()) ?? ''), 'back on page 5');
    await u.goBack(); // the browser's back button returns to page 6
    await u.getByTestId(`user-row-${user501.email}`).waitFor();
    await u.getByRole('searchbox', { name: '名前・メールで検索' }).fill(email(0));
    await u.getByTestId(`user-row-${email(0)}`).waitFor();
    await u.getByTestId('table-total').getByText('全 1 件', { exact: true }).waitFor();
    users.assertNoLoop();
  } finally {
    await Promise.all([keys.context.close(), users.context.close()]);
    await Promise.all([usersPortal.stop(), keysPortal.stop(), emulator.stop()]);
    rmSync(seedDir, { recursive: true, force: true });
  }
});

test('organizations of any number: the pickers search the server, a page at a time, and never fetch the whole list', async () => {
  const portal = await startPortal({ demo: true, env: FAST_PASSWORD_HASHING });
  const { context, page } = await newPage(portal.baseUrl);
  try {
    const superAdmin = account(portal, 'SuperAdmin');
    const api = await apiSession(portal.baseUrl, superAdmin);
    const name = (i) => `ピッカー組織 ${String(i).padStart(2, '0')}`;
    await inParallel(45, 4, (i) => api('/organizations', { method: 'POST', body: { name: name(i) } }));
    const last = (await api(`/organizations?q=${encodeURIComponent(name(44))}`)).items[0];

    const asked = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/v1/organizations')) asked.push(url);
    });
    await login(page, superAdmin);
    await page.getByRole('navigation').getByRole('link', { name: 'ユーザー管理' }).click();
    await page.getByRole('heading', { level: 1, name: 'ユーザー管理' }).waitFor();
    await page.getByRole('row').nth(1).waitFor();
    assert(asked.length === 0, `the users page asked for organizations before the picker opened: ${asked.map(String)}`);

    const field = page.getByRole('combobox', { name: '組織' });
    await field.click();
    await page.getByRole('option', { name: 'さらに読み込む' }).waitFor();
    const offered = await page.getByRole('option').count();
    assert(offered === 22, `one page of 20, 「すべて」 and 「さらに読み込む」: ${offered}`);
    await field.fill(name(44));
    await page.getByRole('option', { name: name(44), exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('organizationId') === last.id);

    // A bookmark: the name comes back by the organization's id alone.
    await page.reload();
    await fieldShows(page.getByRole('combobox', { name: '組織' }), name(44));
    assert(
      asked.some((u) => u.pathname === `/api/v1/organizations/${last.id}`),
      `the chosen organization was looked up by id: ${asked.map(String)}`,
    );
    const pages = asked.filter((u) => u.pathname === '/api/v1/organizations');
    assert(pages.length > 0 && pages.every((u) => u.searchParams.get('limit') === '20'), `pages of 20 only: ${pages.map(String)}`);
    await screenshot(page, 'organization-picker');
  } finally {
    await context.close();
    await portal.stop();
  }
});
