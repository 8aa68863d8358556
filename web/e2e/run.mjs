// End-to-end tests against the REAL server: `node e2e/run.mjs` (PORTAL_BIN overrides the binary).
// Closing line: "N passed, N failed".
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import {
  account,
  assert,
  chromiumArgs,
  chromiumPath,
  existsSync,
  portalBin,
  screenshot,
  seriousA11yViolations,
  sleep,
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
test('onboarding creates the SuperAdmin and lands on the dashboard', async () => {
  const portal = await startPortal({ demo: false });
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

    // Step 2: the Anthropic key may not be implemented yet; skipping is always possible.
    await page.getByLabel('管理キー').waitFor();
    await screenshot(page, 'onboarding-step2');
    await page.getByRole('button', { name: 'スキップ' }).click();

    // Step 3: the first sync (or a clear "not available" message), then the dashboard.
    await page.getByRole('button', { name: 'ダッシュボードへ' }).waitFor();
    await sleep(1500);
    await screenshot(page, 'onboarding-step3');
    await page.getByRole('button', { name: 'ダッシュボードへ' }).click();
    await page.waitForURL((u) => new URL(u).pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'ようこそ、山田 太郎さん' }).waitFor();
    assert((await page.getByTestId('role-badge').first().textContent()) === 'スーパー管理者', 'role badge shows SuperAdmin');
    assert(JSON.stringify(await navTabs(page)) === JSON.stringify(TABS), 'SuperAdmin tabs after onboarding');

    // The account works for a normal login, too.
    await openUserMenuItem(page, 'ログアウト');
    await page.waitForURL('**/login');
    await login(page, { email: 'root@example.com', password });
    assertNoLoop();
  } finally {
    await context.close();
    await portal.stop();
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
    await sleep(2000);
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
