// Logging in per role, the language, logging out, and a session that cannot be refreshed.
import { account, assert, demoPortal, expectA11y, EXPECTED_TABS, login, navTabs, newPage, openUserMenuItem, screenshot, suite } from '../harness.mjs';

const test = suite('session');

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
        // Every management tab renders its content (a table with rows, or an empty state) and no error.
        const pages = {
          組織管理: 'organizations',
          ワークスペース管理: 'workspaces',
          APIキー管理: 'api-keys',
          ユーザー管理: 'users',
          利用状況: 'usage',
          プロンプト管理: 'prompts',
        };
        for (const [tab, name] of Object.entries(pages)) {
          await page.getByRole('navigation').getByRole('link', { name: tab }).click();
          await page.getByRole('heading', { level: 1, name: tab }).waitFor();
          await page.waitForLoadState('networkidle');
          // A row after the header, or an empty state (a list the first sync has not filled yet, a
          // usage tab with nothing collected). Waits for one of them (fails after the harness's timeout).
          await page.getByRole('row').nth(1).or(page.getByTestId('query-empty')).or(page.getByTestId('usage-empty')).first().waitFor();
          const errors = await page.getByRole('alert').allTextContents();
          assert(errors.length === 0, `${name}: an error is shown: ${errors.join(' / ')}`);
          await screenshot(page, name);
          await expectA11y(page, name);
        }
        // The audit log lives in the user menu (the tab bar keeps R-D1's order).
        await openUserMenuItem(page, '監査ログ');
        await page.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor();
        // Events read like sentences: the action's name, the actor by name.
        await page.getByRole('cell', { name: 'ログイン', exact: true }).first().waitFor();
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
