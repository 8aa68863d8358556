// End-to-end tests against the REAL server: `node e2e/run.mjs` (PORTAL_BIN overrides the binary).
// Closing line: "N passed, N failed".
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  account,
  assert,
  chromiumArgs,
  chromiumPath,
  emulatorKeys,
  existsSync,
  FAST_PASSWORD_HASHING,
  portalBin,
  screenshot,
  seriousA11yViolations,
  sleep,
  startEmulator,
  startPortal,
  webDir,
  webDist,
} from './harness.mjs';

const TABS = ['ダッシュボード', '組織管理', 'ワークスペース管理', 'APIキー管理', 'ユーザー管理', 'プロンプト管理'];
const EXPECTED_TABS = { SuperAdmin: TABS, Admin: TABS, User: ['ダッシュボード', 'プロンプト管理'] };
const only = process.env.E2E_ONLY;

if (!existsSync(portalBin)) {
  console.error(`e2e: the portal binary is missing: ${portalBin}\n  build it first (make build) or set PORTAL_BIN.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`e2e: Chromium is missing at ${chromiumPath}: apt-get install -y chromium (never a downloaded browser).`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(`${webDist}/index.html`)) {
  console.log('e2e: web/dist is missing, building it');
  execSync('npm run --silent build', { cwd: webDir, stdio: 'inherit' });
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/** A fresh browser context with the console watched for React's update-loop error. */
async function newPage(baseUrl) {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ja-JP', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const assertNoLoop = () =>
    assert(!consoleErrors.some((e) => /Maximum update depth/.test(e)), `React update loop: ${consoleErrors.join('\n')}`);
  return { context, page, consoleErrors, assertNoLoop };
}

async function expectA11y(page, screen) {
  const v = await seriousA11yViolations(page);
  assert(v.length === 0, `axe on ${screen}: ${v.length} serious/critical violations:\n${JSON.stringify(v, null, 2)}`);
}

async function login(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor();
}

async function navTabs(page) {
  return page.getByRole('navigation').getByRole('link').allTextContents();
}

async function openUserMenuItem(page, name) {
  await page.getByRole('button', { name: 'ユーザーメニュー' }).click();
  await page.getByRole('menuitem', { name }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

// --- fresh database: onboarding -------------------------------------------------------------
const EMULATOR_ADMIN_KEY = 'sk-ant-admin01-e2e-onboarding-0000000000';

test('onboarding creates the SuperAdmin, verifies the admin key, syncs and lands on the dashboard', async () => {
  const [portal, emulator] = await Promise.all([startPortal({ demo: false }), startEmulator(EMULATOR_ADMIN_KEY)]);
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: '初期設定' }).waitFor();
    await screenshot(page, 'onboarding-step1');
    await expectA11y(page, 'onboarding');

    // Validation first: a short password is refused in the browser.
    await page.getByLabel('氏名').fill('山田 太郎');
    await page.getByLabel('メールアドレス').fill('root@example.com');
    await page.getByLabel('パスワード', { exact: true }).fill('short');
    await page.getByLabel('パスワード（確認）').fill('short');
    await page.getByRole('button', { name: '作成して次へ' }).click();
    await page.locator('p.Mui-error', { hasText: '12〜128文字' }).waitFor();

    const password = 'e2e-super-secret-pw';
    await page.getByLabel('パスワード', { exact: true }).fill(password);
    await page.getByLabel('パスワード（確認）').fill(password);
    await page.getByRole('button', { name: '作成して次へ' }).click();

    // Step 2 for real: a wrong key is refused by the portal's check, the emulator's key is saved.
    await page.getByLabel('管理キー').waitFor();
    await page.getByLabel('管理キー').fill('not-an-admin-key');
    await page.getByRole('button', { name: '確認して保存' }).click();
    await page.getByText('管理キーは sk-ant-admin01- で始まります。').waitFor();
    await page.getByLabel('管理キー').fill(EMULATOR_ADMIN_KEY);
    await page.getByLabel('ベースURL（任意）').fill(emulator.url);
    await screenshot(page, 'onboarding-step2');
    await page.getByRole('button', { name: '確認して保存' }).click();

    // Step 3: the first sync runs by itself with a progress bar, then reports what it found.
    await page.getByRole('button', { name: '次へ' }).waitFor();
    const result = page.getByTestId('sync-result');
    await result.waitFor({ timeout: 20_000 });
    const text = (await result.textContent()) ?? '';
    assert(/^完了: ワークスペース 3 件、APIキー 10 件/.test(text), `first sync: ${text}`);
    await screenshot(page, 'onboarding-step3');
    // Step 4 (the old portal's data) is optional.
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: 'ファイルを選択' }).waitFor();
    await page.getByRole('button', { name: 'ダッシュボードへ' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'ようこそ、山田 太郎さん' }).waitFor();
    assert((await page.getByTestId('role-badge').first().textContent()) === 'スーパー管理者', 'role badge shows SuperAdmin');
    assert(JSON.stringify(await navTabs(page)) === JSON.stringify(TABS), 'SuperAdmin tabs after onboarding');

    // The account works for a normal login, too.
    await openUserMenuItem(page, 'ログアウト');
    await page.waitForURL('**/login');
    await login(page, { email: 'root@example.com', password });
    // The dashboard knows the first sync.
    await page.getByTestId('dashboard-last-sync').getByText('完了').waitFor();
    assertNoLoop();
  } finally {
    await context.close();
    await Promise.all([portal.stop(), emulator.stop()]);
  }
});

// --- demo database: roles, profile, logout, session expiry -----------------------------------
let demo = null;
const demoPortal = async () => (demo ??= await startPortal({ demo: true }));

for (const role of ['SuperAdmin', 'Admin', 'User']) {
  test(`${role} logs in and sees only its tabs`, async () => {
    const portal = await demoPortal();
    const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
    try {
      await page.goto('/login');
      await page.getByRole('button', { name: 'ログイン' }).waitFor();
      if (role === 'SuperAdmin') {
        await screenshot(page, 'login');
        await expectA11y(page, 'login');
      }
      await login(page, account(portal, role));
      const tabs = await navTabs(page);
      assert(JSON.stringify(tabs) === JSON.stringify(EXPECTED_TABS[role]), `${role} tabs: ${JSON.stringify(tabs)}`);
      const badge = await page.getByTestId('role-badge').first().textContent();
      assert(badge === { SuperAdmin: 'スーパー管理者', Admin: '管理者', User: 'ユーザー' }[role], `${role} badge: ${badge}`);
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      assert(!/さんさん|様さん/.test(heading ?? ''), `doubled honorific: ${heading}`);
      assert(/^\d{4}年\d{1,2}月\d{1,2}日$/.test((await page.getByTestId('dashboard-date').textContent()) ?? ''), 'Japanese date');
      await page.waitForLoadState('networkidle');
      await screenshot(page, `dashboard-${role}`);
      await expectA11y(page, `dashboard (${role})`);

      if (role === 'SuperAdmin') {
        // Every management tab renders (a list, an empty state or a "not available yet" notice).
        const pages = { 組織管理: 'organizations', ワークスペース管理: 'workspaces', APIキー管理: 'api-keys', ユーザー管理: 'users', プロンプト管理: 'prompts' };
        for (const [tab, name] of Object.entries(pages)) {
          await page.getByRole('navigation').getByRole('link', { name: tab }).click();
          await page.getByRole('heading', { level: 1, name: tab }).waitFor();
          await page.waitForLoadState('networkidle');
          await screenshot(page, name);
          await expectA11y(page, name);
        }
        // The audit log lives in the user menu (the tab bar keeps R-D1's order).
        await openUserMenuItem(page, '監査ログ');
        await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
        await page.getByRole('cell', { name: 'auth.login ログイン' }).first().waitFor();
        await screenshot(page, 'audit');
        await expectA11y(page, 'audit');
      }
      if (role === 'User') {
        // A User typing a management URL is sent back to the dashboard.
        await page.goto('/users');
        await page.waitForURL((u) => new URL(u).pathname === '/');
      }
      assertNoLoop();
    } finally {
      await context.close();
    }
  });
}

const LEGACY_EXPORT = join(webDir, '..', 'server/tests/fixtures/legacy-mongo');
const LEGACY_ANTHROPIC = join(webDir, '..', 'server/tests/fixtures/legacy-mongo-anthropic.json');

test('onboarding imports the old portal: dry run, apply, and an imported user logs in with their old password and key', async () => {
  const adminKey = 'sk-ant-admin01-e2e-legacy-import-000000000';
  const [portal, emulator] = await Promise.all([startPortal({ demo: false }), startEmulator(adminKey, { seedFile: LEGACY_ANTHROPIC })]);
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    await page.goto('/setup');
    await page.getByLabel('氏名').fill('移行 担当');
    await page.getByLabel('メールアドレス').fill('migrate@example.com');
    await page.getByLabel('パスワード', { exact: true }).fill('e2e-migrate-secret-pw');
    await page.getByLabel('パスワード（確認）').fill('e2e-migrate-secret-pw');
    await page.getByRole('button', { name: '作成して次へ' }).click();
    await page.getByLabel('管理キー').fill(adminKey);
    await page.getByLabel('ベースURL（任意）').fill(emulator.url);
    await page.getByRole('button', { name: '確認して保存' }).click();
    const synced = page.getByTestId('sync-result');
    await synced.waitFor({ timeout: 20_000 });
    assert(/^完了: ワークスペース 3 件、APIキー 9 件/.test((await synced.textContent()) ?? ''), `sync: ${await synced.textContent()}`);
    await page.getByRole('button', { name: '次へ' }).click();

    // Step 4: the export's four files, a dry run that changes nothing, then the import.
    await page.locator('input[type=file]').setInputFiles(
      ['simpleorganizations', 'simpleusers', 'anthropicapikeys', 'prompts'].map((c) => join(LEGACY_EXPORT, `${c}.json`)),
    );
    await page.getByTestId('import-files').getByText('simpleusers.json: あり').waitFor();
    await page.getByRole('button', { name: 'ドライラン（確認のみ）' }).click();
    const report = page.getByTestId('import-report');
    await report.getByText('ドライラン: 何も変更していません。実行すると次のとおり取り込みます。').waitFor();
    const usersRow = page.getByTestId('import-counts').locator('tr[data-kind="users"]');
    assert((await usersRow.textContent()) === 'ユーザー600', `users row: ${await usersRow.textContent()}`);
    const keysRow = page.getByTestId('import-counts').locator('tr[data-kind="assignments"]');
    assert((await keysRow.textContent()) === 'キーの割り当て600', `assignments row: ${await keysRow.textContent()}`);
    await screenshot(page, 'onboarding-import-dry-run');
    await expectA11y(page, 'onboarding import');

    await page.getByRole('button', { name: 'インポートを実行' }).click();
    const dialog = page.getByRole('dialog', { name: 'インポートを実行しますか？' });
    await dialog.getByText('バックアップ', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'インポートを実行' }).click();
    await report.getByText('インポートが完了しました。').waitFor();
    await page.getByRole('button', { name: 'ダッシュボードへ' }).click();
    await page.getByRole('heading', { level: 1, name: 'ようこそ、移行 担当さん' }).waitFor();

    // An imported user logs in with the old portal's password and holds the key the old portal named.
    await openUserMenuItem(page, 'ログアウト');
    await page.waitForURL('**/login');
    await login(page, { email: 'ken@example.com', password: 'ken-pass-2029' });
    await openUserMenuItem(page, 'プロフィール');
    await page.getByRole('heading', { name: '自分のAPIキー' }).waitFor();
    await page.getByText('apikey_01HpJpb9ATPtdbmF4RPAfqoQ', { exact: false }).first().waitFor();
    assert((await page.getByTestId('my-api-key').textContent()) === 'sk-ant-api03-M9Y...F8AA', 'masked before it is shown');
    const expected = JSON.parse(readFileSync(join(LEGACY_EXPORT, 'EXPECTED.json'), 'utf8'));
    const value = expected.keys.find((k) => k.apiKeyId === 'apikey_01HpJpb9ATPtdbmF4RPAfqoQ').value;
    await page.getByRole('button', { name: '表示／コピー' }).click();
    await page.getByTestId('my-api-key').getByText(value, { exact: true }).waitFor();
    assertNoLoop();
  } finally {
    await context.close();
    await Promise.all([portal.stop(), emulator.stop()]);
  }
});

test('own key: an admin switches it in another browser; the open profile reveals and copies exactly the new key', async () => {
  const portal = await startPortal({ demo: true });
  const values = new Map((await emulatorKeys(portal)).map((k) => [k.id, k.value]));
  const holder = account(portal, 'User');
  const mine = await newPage(portal.baseUrl);
  const admin = await newPage(portal.baseUrl);
  try {
    await mine.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await login(mine.page, holder);
    await openUserMenuItem(mine.page, 'プロフィール');
    const label = mine.page.getByTestId('my-api-key-label');
    await label.waitFor();
    const before = /^(apikey_\w+)/.exec((await label.textContent()) ?? '')?.[1];
    assert(before, `the demo user holds a key: ${await label.textContent()}`);

    // The SuperAdmin gives the user another key of the organization, in another browser.
    await login(admin.page, account(portal, 'SuperAdmin'));
    await admin.page.getByRole('navigation').getByRole('link', { name: 'ユーザー管理' }).click();
    const row = admin.page.getByTestId(`user-row-${holder.email}`);
    await row.getByRole('button', { name: /を編集$/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'APIキー' }).click();
    const options = (await admin.page.getByRole('option').allTextContents()).filter((o) => /^apikey_/.test(o) && !o.startsWith(before));
    assert(options.length > 0, 'another free key is offered');
    const after = /^(apikey_\w+)/.exec(options[0])[1];
    await admin.page.getByRole('option', { name: options[0] }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The user's page, never reloaded, still names the old key; the reveal shows and copies the new
    // one under its own label.
    await mine.page.getByRole('button', { name: '表示／コピー' }).click();
    await mine.page.getByTestId('my-api-key').getByText(values.get(after), { exact: true }).waitFor();
    assert(((await label.textContent()) ?? '').startsWith(after), `label after reveal: ${await label.textContent()}`);
    await mine.page.getByRole('button', { name: 'コピー', exact: true }).click();
    const copied = await mine.page.evaluate(() => navigator.clipboard.readText());
    assert(copied === values.get(after), 'the copied value is the new key');
    await screenshot(mine.page, 'profile-switched-key-revealed');
    mine.assertNoLoop();
  } finally {
    await Promise.all([mine.context.close(), admin.context.close()]);
    await portal.stop();
  }
});

test('profile shows the logged-in user and the masked key', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    const user = account(portal, 'User');
    await login(page, user);
    await openUserMenuItem(page, 'プロフィール');
    await page.waitForURL('**/profile');
    await page.getByRole('heading', { level: 1, name: 'プロフィール' }).waitFor();
    await page.getByText(user.email, { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: '自分のAPIキー' }).waitFor();
    await page.waitForLoadState('networkidle');
    const keyText = (await page.getByTestId('my-api-key').count()) ? await page.getByTestId('my-api-key').textContent() : null;
    if (keyText) assert(/\.\.\./.test(keyText), `key is masked before "show": ${keyText}`);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'profile');
    await expectA11y(page, 'profile');
    assertNoLoop();
  } finally {
    await context.close();
  }
});

test('language switch to English persists across a reload', async () => {
  const portal = await demoPortal();
  const { context, page } = await newPage(portal.baseUrl);
  try {
    await login(page, account(portal, 'Admin'));
    await openUserMenuItem(page, 'English');
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    assert(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/.test((await page.getByTestId('dashboard-date').textContent()) ?? ''), 'English date');
  } finally {
    await context.close();
  }
});

test('logout revokes the session and shows /login', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    await login(page, account(portal, 'Admin'));
    const logout = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout') && r.request().method() === 'POST');
    await openUserMenuItem(page, 'ログアウト');
    await logout;
    await page.waitForURL('**/login');
    // A reload does not bring the session back.
    await page.reload();
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    assert(new URL(page.url()).pathname === '/login', `after logout+reload: ${page.url()}`);
    assertNoLoop();
  } finally {
    await context.close();
  }
});

test('an invalid refresh cookie lands on /login exactly once (no loop, one refresh)', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    await login(page, account(portal, 'User'));
    const cookies = await context.cookies();
    assert(cookies.length > 0, 'login set a refresh cookie');
    await context.clearCookies();
    await context.addCookies(cookies.map((c) => ({ ...c, value: `${c.value.slice(0, 8)}invalid-${Date.now()}` })));

    // Count every arrival at /login: full loads and history API navigations.
    await context.addInitScript(() => {
      window.__loginArrivals = location.pathname === '/login' ? 1 : 0;
      for (const fn of ['pushState', 'replaceState']) {
        const orig = history[fn].bind(history);
        history[fn] = (...args) => {
          const before = location.pathname;
          orig(...args);
          if (location.pathname === '/login' && before !== '/login') window.__loginArrivals += 1;
        };
      }
    });
    let refreshCalls = 0;
    page.on('request', (r) => r.url().endsWith('/api/v1/auth/refresh') && refreshCalls++);
    // Playwright reports history API navigations as frame navigations too.
    let loginNavigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && new URL(f.url()).pathname === '/login' && loginNavigations++);

    await page.goto('/users');
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    // A login loop keeps the network busy (refresh after refresh), so it never reaches idle.
    await page.waitForLoadState('networkidle');
    const arrivals = await page.evaluate(() => window.__loginArrivals);
    assert(new URL(page.url()).pathname === '/login', `ends on /login: ${page.url()}`);
    assert(arrivals === 1, `arrived at /login ${arrivals} times`);
    assert(refreshCalls === 1, `${refreshCalls} refresh calls`);
    assert(loginNavigations === 1, `${loginNavigations} navigations to /login`);
    assertNoLoop();
  } finally {
    await context.close();
  }
});

// --- prompts (issue 6) ------------------------------------------------------------------------
test('prompts: create, edit twice, restore version 1 and render it', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    await login(page, account(portal, 'Admin'));
    await page.getByRole('navigation').getByRole('link', { name: 'プロンプト管理' }).click();
    await page.getByRole('heading', { level: 1, name: 'プロンプト管理' }).waitFor();
    await page.getByText('LP作成 (3/3)', { exact: false }).first().waitFor(); // the demo templates
    const title = `E2E ${Date.now()}`;
    const row = () => page.getByRole('row').filter({ hasText: title });

    await page.getByRole('button', { name: 'プロンプトを作成' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('タイトル').fill(title);
    await dialog.getByLabel('本文').fill('こんにちは {{name}} さん v1');
    await dialog.getByLabel('name', { exact: true }).fill('田中'); // the live preview
    const preview = (await dialog.getByTestId('template-preview').textContent()) ?? '';
    assert(preview.includes('こんにちは 田中 さん v1'), `live preview: ${preview}`);
    await dialog.getByRole('button', { name: '作成' }).click();
    try {
      await dialog.waitFor({ state: 'detached' });
    } catch (e) {
      await screenshot(page, 'prompt-create-failed');
      throw new Error(`create dialog stayed open: ${await dialog.textContent()}`, { cause: e });
    }
    await row().getByText('v1', { exact: true }).waitFor();

    for (const n of [2, 3]) {
      await page.getByRole('button', { name: `${title} を編集` }).click();
      await dialog.getByLabel('本文').fill(`こんにちは {{name}} さん v${n}`);
      await dialog.getByLabel('変更メモ').fill(`${n}回目`);
      await dialog.getByRole('button', { name: '保存' }).click();
      try {
        await dialog.waitFor({ state: 'detached' });
      } catch (e) {
        throw new Error(`edit dialog stayed open: ${await dialog.textContent()}`, { cause: e });
      }
      await row().getByText(`v${n}`, { exact: true }).waitFor();
    }

    await page.getByRole('button', { name: `${title} の履歴` }).click();
    const diff = dialog.getByRole('region', { name: '差分' });
    await diff.getByText('+ こんにちは {{name}} さん v3').waitFor();
    await diff.getByText('- こんにちは {{name}} さん v2').waitFor();
    await screenshot(page, 'prompt-history');
    await dialog.getByRole('button', { name: 'v1 を復元' }).click();
    await dialog.getByText('v4 (現在)').waitFor();
    await dialog.getByText('v1 から復元', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row().getByText('v4', { exact: true }).waitFor();

    await page.getByRole('button', { name: `${title} を使う` }).click();
    await dialog.getByLabel('name', { exact: true }).fill('鈴木');
    await dialog.getByRole('button', { name: '変数を埋めて表示' }).click();
    const result = dialog.getByRole('region', { name: 'レンダリング結果' });
    await result.waitFor();
    const rendered = (await result.textContent()) ?? '';
    assert(rendered === 'こんにちは 鈴木 さん v1', `rendered: ${rendered}`);
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await row().getByRole('cell', { name: '1', exact: true }).waitFor(); // useCount counted the render
    await page.waitForLoadState('networkidle');
    await expectA11y(page, 'prompts');
    assertNoLoop();
  } finally {
    await context.close();
  }
});


// --- issue 5: every management flow against the real API --------------------------------------
test('SuperAdmin: organization → workspace → sync → register a pasted key → user with key → switch key → delete organization', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  const stamp = Date.now().toString(36);
  const orgName = `E2E商事 ${stamp}`;
  const wsName = `e2e-${stamp}`;
  const person = { name: `E2E 花子 ${stamp}`, email: `hanako-${stamp}@example.com` };
  const dialog = page.getByRole('dialog');
  const closed = async (what) => {
    try {
      await dialog.waitFor({ state: 'detached' });
    } catch (e) {
      await screenshot(page, `${what}-failed`);
      throw new Error(`${what}: the dialog stayed open: ${await dialog.textContent()}`, { cause: e });
    }
  };
  const tab = async (name) => {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };
  const choose = async (scope, label, option) => {
    await scope.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  };
  try {
    await login(page, account(portal, 'SuperAdmin'));

    // 1. Create the organization in the modal (name and description only).
    await tab('組織管理');
    await page.getByRole('button', { name: '組織を作成' }).click();
    assert((await dialog.locator('input, textarea:not([aria-hidden])').count()) === 2, 'the create modal asks for name and description only');
    await dialog.getByLabel('組織名').fill(orgName);
    await dialog.getByLabel('説明').fill('E2E で作成');
    await screenshot(page, 'organization-create');
    await dialog.getByRole('button', { name: '作成' }).click();
    await closed('create organization');
    const orgRow = page.getByRole('row').filter({ hasText: orgName });
    await orgRow.waitFor();

    // 2. Its workspace, from the row icon: created in Anthropic and linked (name counter live).
    await page.getByRole('button', { name: `${orgName} にワークスペースを作成` }).click();
    await dialog.getByLabel('ワークスペース名').fill(wsName);
    await dialog.getByText(`${wsName.length}/40 文字`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '作成' }).click();
    await closed('create workspace');
    await orgRow.getByRole('cell', { name: '1', exact: true }).first().waitFor(); // workspace count

    // Link the synced "Research" workspace (its keys are not registered yet) to the organization.
    await tab('ワークスペース管理');
    await page.getByRole('row').filter({ hasText: wsName }).getByText(orgName).waitFor();
    const research = page.getByRole('row').filter({ hasText: 'Research' });
    const linked = page.waitForResponse((r) => /\/api\/v1\/workspaces\/wrkspc_/.test(r.url()) && r.request().method() === 'PATCH');
    await choose(research, '組織', orgName);
    // A move asks first (here nobody holds a key of it yet).
    await dialog.getByText('このワークスペースのキーを使っているユーザーはいません。').waitFor();
    await dialog.getByRole('button', { name: '移動する' }).click();
    assert((await linked).ok(), 'link the workspace');
    await closed('move workspace');

    // 3. Sync now: a progress bar while the run is polled, then the outcome.
    await tab('APIキー管理');
    await page.getByTestId('last-sync').getByText('最終同期:').waitFor();
    await page.route('**/api/v1/sync/runs/syn_*', async (route) => {
      await sleep(700); // slow the poll down a little so that the progress bar can be seen
      await route.continue();
    });
    await page.getByRole('button', { name: '同期を開始' }).click();
    await page.getByRole('progressbar', { name: '同期中…' }).waitFor();
    await screenshot(page, 'api-keys-syncing');
    const syncResult = page.getByTestId('sync-result');
    await syncResult.waitFor({ timeout: 20_000 });
    assert(/^完了: ワークスペース 4 件/.test((await syncResult.textContent()) ?? ''), `sync: ${await syncResult.textContent()}`);
    await page.unroute('**/api/v1/sync/runs/syn_*');

    // 4. Register pasted values: a value no key matches is explained; the emulator's keys match.
    const keys = (await emulatorKeys(portal)).filter((k) => k.name.startsWith('Research'));
    assert(keys.length >= 2, `Research keys: ${JSON.stringify(keys.map((k) => k.name))}`);
    const [k1, k2] = keys;
    for (const k of [k1, k2]) {
      const row = page.getByTestId(`api-key-row-${k.id}`);
      await row.getByText('未登録').waitFor();
      if (k.status !== 'active') {
        await row.getByRole('button', { name: `${k.name} を有効化` }).click();
        await dialog.getByRole('button', { name: '有効化' }).click();
        await closed('activate key');
        await row.getByText('有効', { exact: true }).waitFor();
      }
    }
    await page.getByRole('button', { name: 'キーの値を登録' }).click();
    await dialog.getByLabel('キーの値（sk-ant-api03-…）').fill(`sk-ant-api03-${'Zq9'.repeat(30)}AA`);
    await dialog.getByRole('button', { name: '登録' }).click();
    await dialog.getByTestId('register-no-match').getByText('先に Anthropic Console でキーを作成し', { exact: false }).waitFor();
    await screenshot(page, 'api-key-register-no-match');
    await expectA11y(page, 'register dialog');
    await dialog.getByLabel('キーの値（sk-ant-api03-…）').fill(k1.value);
    await dialog.getByRole('button', { name: '登録' }).click();
    await closed('register key 1');
    await page.getByTestId('register-success').getByText(k1.id, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'キーの値を登録' }).click();
    await dialog.getByLabel('キーの値（sk-ant-api03-…）').fill(k2.value);
    await dialog.getByRole('button', { name: '登録' }).click();
    await closed('register key 2');
    await page.getByTestId(`api-key-row-${k2.id}`).getByText('登録済み').waitFor();
    const hintOf = async (k) => ((await page.getByTestId(`api-key-row-${k.id}`).getByRole('cell').nth(2).textContent()) ?? '').trim();
    const [hint1, hint2] = [await hintOf(k1), await hintOf(k2)];
    assert(/^sk-ant-api03-.{3}\.\.\..{4}$/.test(hint2) && hint1 !== hint2, `hints: ${hint1} ${hint2}`);

    // 5. A user of the new organization, holding key 1; the generated password is shown once.
    await tab('ユーザー管理');
    await page.getByRole('button', { name: 'ユーザーを追加' }).click();
    await dialog.getByLabel('氏名').fill(person.name);
    await dialog.getByLabel('メールアドレス').fill(person.email);
    await choose(dialog, '組織', orgName);
    await dialog.getByRole('combobox', { name: 'APIキー' }).click();
    const offered = await page.getByRole('option').allTextContents();
    assert(offered.length === 3 && offered.slice(1).every((o) => /^apikey_\w+: sk-ant-api03-.{3}\.\.\..{4} \(.+\)$/.test(o)), `picker: ${JSON.stringify(offered)}`);
    await page.getByRole('option', { name: `${k1.id}: ${hint1} (${k1.name})` }).click();
    await screenshot(page, 'user-create');
    await dialog.getByRole('button', { name: '作成' }).click();
    const password = ((await page.getByTestId('one-time-secret').textContent()) ?? '').trim();
    assert(password.length >= 12, `generated password: ${password}`);
    await screenshot(page, 'user-created-password');
    await dialog.getByRole('button', { name: '閉じる（控えました）' }).click();
    await closed('password dialog');
    const userRow = page.getByTestId(`user-row-${person.email}`);
    assert(((await userRow.getByTestId('user-key-hint').textContent()) ?? '').startsWith(hint1), 'the list shows key 1');

    // 6. Switch the key in the edit modal: the list and the user's own profile agree at once.
    await page.getByRole('button', { name: `${person.name} を編集` }).click();
    await dialog.getByRole('combobox', { name: 'APIキー' }).click();
    await page.getByRole('option', { name: `${k2.id}: ${hint2} (${k2.name})` }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await closed('edit user');
    await userRow.getByTestId('user-key-hint').getByText(hint2).waitFor();
    await expectA11y(page, 'users after edit');

    const other = await newPage(portal.baseUrl);
    try {
      // The generated password must be replaced at the first login (a leaked-list one is refused).
      await other.page.goto('/login');
      await other.page.getByLabel('メールアドレス').fill(person.email);
      await other.page.getByLabel('パスワード').fill(password);
      await other.page.getByRole('button', { name: 'ログイン' }).click();
      await other.page.getByRole('heading', { name: 'パスワードを変更してください' }).waitFor();
      await other.page.getByLabel('現在のパスワード').fill(password);
      await other.page.getByLabel('新しいパスワード', { exact: true }).fill('qwerty123456');
      await other.page.getByLabel('新しいパスワード（確認）').fill('qwerty123456');
      await other.page.getByRole('button', { name: 'パスワードを変更' }).click();
      await other.page.getByText('流出したパスワードの一覧に載っている', { exact: false }).waitFor();
      await screenshot(other.page, 'first-password');
      await expectA11y(other.page, 'first password');
      await other.page.getByLabel('新しいパスワード', { exact: true }).fill('e2e-own-password-42');
      await other.page.getByLabel('新しいパスワード（確認）').fill('e2e-own-password-42');
      await other.page.getByRole('button', { name: 'パスワードを変更' }).click();
      await other.page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor();
      await openUserMenuItem(other.page, 'プロフィール');
      const mine = other.page.getByTestId('my-api-key');
      await mine.waitFor();
      assert(((await mine.textContent()) ?? '').trim() === hint2, `profile shows ${await mine.textContent()}, want ${hint2}`);
      await other.page.getByRole('button', { name: '表示／コピー' }).click();
      await mine.getByText(k2.value).waitFor(); // R-C2: the holder, deliberately, gets the full value
      await screenshot(other.page, 'profile-own-key');
    } finally {
      await other.context.close();
    }
    // The key list agrees too.
    await tab('APIキー管理');
    await page.getByTestId(`api-key-row-${k2.id}`).getByText(person.email, { exact: false }).waitFor();
    assert(!(await page.getByTestId(`api-key-row-${k1.id}`).textContent())?.includes(person.email), 'key 1 is free again');

    // 7. Unlinking the workspace whose key the user holds asks first and names them; cancelled,
    // nothing changes; confirmed, the user loses the key in the same step (never a key of no
    // organization, or of another customer).
    await tab('ワークスペース管理');
    let patches = 0;
    const countPatches = (r) => r.method() === 'PATCH' && /\/api\/v1\/workspaces\//.test(r.url()) && patches++;
    page.on('request', countPatches);
    await choose(page.getByRole('row').filter({ hasText: 'Research' }), '組織', '未割り当て');
    await dialog.getByTestId('move-holders').getByText(`${person.name} (${person.email})`, { exact: false }).waitFor();
    await screenshot(page, 'workspace-move-holders');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await closed('cancel move');
    assert(patches === 0, 'a cancelled move sends nothing');
    await page.getByRole('row').filter({ hasText: 'Research' }).getByText(orgName).waitFor();
    await choose(page.getByRole('row').filter({ hasText: 'Research' }), '組織', '未割り当て');
    await dialog.getByTestId('move-holders').waitFor();
    await dialog.getByRole('button', { name: '割り当てを解除する' }).click();
    await closed('unlink workspace');
    page.off('request', countPatches);
    await tab('ユーザー管理');
    await page.getByTestId(`user-row-${person.email}`).getByTestId('user-key-hint').getByText('なし', { exact: true }).waitFor();

    // 8. Delete the organization: the confirmation says what happens; the report what happened.
    await tab('組織管理');
    await page.getByRole('button', { name: `${orgName} を削除` }).click();
    await dialog.getByText('メンバー 1 人は無効化され', { exact: false }).waitFor();
    await dialog.getByText('ワークスペース 1 件は組織から切り離されます', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '組織を削除' }).click();
    const report = page.getByTestId('organization-delete-report');
    await report.getByText('無効化したユーザー: 1 人').waitFor();
    await report.getByText('切り離したワークスペース: 1 件').waitFor();
    await screenshot(page, 'organization-deleted');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await closed('delete report');
    await orgRow.waitFor({ state: 'detached' });

    // 8. Logout.
    await openUserMenuItem(page, 'ログアウト');
    await page.waitForURL('**/login');
    assertNoLoop();
  } finally {
    await context.close();
  }
});

// --- issue 10 item 3: lists of any length ---------------------------------------------------
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
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await fn(next++);
  }));
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
    await page.getByTestId('table-page').filter({ hasText: new RegExp(`^${n} / `) }).waitFor();
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
    await page.getByTestId('table-total').getByText(`全 ${BULK.toLocaleString('ja-JP')} 件`, { exact: true }).waitFor();
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
    await u.getByTestId('table-total').getByText(`全 ${userTotal.toLocaleString('ja-JP')} 件`, { exact: true }).waitFor();
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

// --- run --------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
const started = Date.now();
try {
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${t.name} (${Date.now() - t0} ms)\n    ${String(e?.stack ?? e).split('\n').slice(0, 12).join('\n    ')}`);
    }
  }
} finally {
  await browser.close();
  if (demo) await demo.stop();
}
console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in web/e2e/screenshots/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
