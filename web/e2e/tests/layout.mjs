// Layout: every main page fits a 1280 px laptop and a 390 px phone.
import { account, assert, demoPortal, expectA11y, login, navTabs, newPage, openUserMenuItem, screenshot, suite, TABS, VIEWPORTS } from '../harness.mjs';

const test = suite('layout');

/** The main pages: a tab of the top bar, or an entry of the user menu; `list`: a table of rows (`noActions`: without row actions). */
const MAIN_PAGES = [
  { name: 'dashboard', tab: 'ダッシュボード', heading: /^ようこそ、/ },
  { name: 'organizations', tab: '組織管理', list: true },
  { name: 'workspaces', tab: 'ワークスペース管理', list: true },
  { name: 'api-keys', tab: 'APIキー管理', list: true },
  { name: 'users', tab: 'ユーザー管理', list: true },
  { name: 'usage', tab: '利用状況', list: true, noActions: true },
  { name: 'prompts', tab: 'プロンプト管理', list: true },
  { name: 'audit', userMenu: '監査ログ', list: true, noActions: true },
  { name: 'profile', userMenu: 'プロフィール' },
];

/** What the page looks like at its width, measured in the page. */
function measure() {
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  const text = (el) => (el.textContent ?? '').trim().slice(0, 60);
  const cells = [...document.querySelectorAll('tbody td')];
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    tables: [...document.querySelectorAll('table')].map((t) => ({ width: t.scrollWidth, room: t.parentElement.clientWidth })),
    rows: [...document.querySelectorAll('tbody tr')].map((tr) => ({
      row: text(tr),
      buttons: [...tr.lastElementChild.querySelectorAll('button')].map((b) => ({
        name: b.getAttribute('aria-label') ?? text(b),
        ...b.getBoundingClientRect().toJSON(),
      })),
    })),
    wrappedHeaders: [...document.querySelectorAll('thead th')].filter((th) => lines(th) > 1).map(text),
    wrappedDates: cells.filter((td) => /^\d{4}年\d{1,2}月\d{1,2}日/.test(text(td)) && lines(td) > 1).map(text),
  };
}

/** Waits for the page that `target` opened: its heading, its rows, a quiet network. */
async function settle(page, target) {
  await page.getByRole('heading', { level: 1, name: target.heading ?? target.userMenu ?? target.tab }).waitFor();
  if (target.list) await page.locator('tbody tr').first().waitFor();
  await page.waitForLoadState('networkidle');
}

/** Opens `target` from the tab bar or the user menu. */
async function open(page, target) {
  if (target.userMenu) await openUserMenuItem(page, target.userMenu);
  else await page.getByRole('navigation').getByRole('link', { name: target.tab }).click();
  await settle(page, target);
}

/** Every row of a list with actions has them within the window, wholly (at 390 px too: the table may scroll, its actions stay). */
function expectRowActionsOnScreen(m, target, width) {
  if (!target.list || target.noActions) return;
  // (An archived key has none; the audit log and the usage totals have no actions column.)
  assert(
    m.rows.some((r) => r.buttons.length > 0),
    `${target.name} at ${width} px: no row actions found`,
  );
  for (const r of m.rows) {
    for (const b of r.buttons) {
      assert(b.left >= 0 && b.right <= width, `${target.name} at ${width} px: 「${b.name}」 of 「${r.row}」 is off screen (${b.left}–${b.right} px)`);
    }
  }
}

/** No horizontal scroll of the page; headers and dates on one line. */
function expectFits(m, where) {
  assert(m.scrollWidth <= m.innerWidth, `${where}: the page scrolls sideways (${m.scrollWidth} > ${m.innerWidth} px)`);
  assert(m.wrappedHeaders.length === 0, `${where}: headers on more than one line: ${JSON.stringify(m.wrappedHeaders)}`);
  assert(m.wrappedDates.length === 0, `${where}: dates on more than one line: ${JSON.stringify(m.wrappedDates)}`);
}

test('at 1280 px every main page fits: no sideways scroll, tables as wide as the page, row actions on screen', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl, { viewport: VIEWPORTS.laptop });
  const width = VIEWPORTS.laptop.width;
  try {
    await login(page, account(portal, 'SuperAdmin'));
    assert(JSON.stringify(await navTabs(page)) === JSON.stringify(TABS), `the tab bar at ${width} px: ${JSON.stringify(await navTabs(page))}`);
    for (const target of MAIN_PAGES) {
      await open(page, target);
      const m = await page.evaluate(measure);
      expectFits(m, target.name);
      for (const t of m.tables) assert(t.width <= t.room, `${target.name}: the table is wider than its place (${t.width} > ${t.room} px)`);
      expectRowActionsOnScreen(m, target, width);
      await screenshot(page, `layout-${width}-${target.name}`);
      await expectA11y(page, `${target.name} at ${width} px`);
    }
    // A row's menu holds the rest of its actions, each named after the row.
    await open(
      page,
      MAIN_PAGES.find((p) => p.name === 'users'),
    );
    const admin = account(portal, 'Admin');
    const row = page.getByTestId(`user-row-${admin.email}`);
    const name = ((await row.getByRole('cell').first().textContent()) ?? '').trim();
    await row.getByRole('button', { name: `${name} の操作` }).click();
    const items = await page
      .getByRole('menu')
      .getByRole('menuitem')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert(
      JSON.stringify(items) === JSON.stringify([`${name} のパスワードをリセット`, `${name} を無効化`, `${name} を削除`]),
      `the row menu: ${JSON.stringify(items)}`,
    );
    await screenshot(page, `layout-${width}-row-menu`);
    await expectA11y(page, `a row menu at ${width} px`);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    assertNoLoop();
  } finally {
    await context.close();
  }
});

test('at 390 px the tabs are a menu that reaches every page, no page scrolls sideways, and row actions stay on screen', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl, { viewport: VIEWPORTS.phone });
  const width = VIEWPORTS.phone.width;
  try {
    await page.goto('/login');
    await page.getByRole('button', { name: 'ログイン' }).waitFor();
    assert(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the login page scrolls sideways');
    await screenshot(page, `layout-${width}-login`);
    await login(page, account(portal, 'SuperAdmin'));
    // The top bar has no room for the tabs: they wait behind the menu button.
    assert((await page.getByRole('navigation').count()) === 0, 'no tab bar on a phone');
    let here = 'ダッシュボード';
    for (const target of MAIN_PAGES) {
      if (target.userMenu) {
        await openUserMenuItem(page, target.userMenu);
      } else {
        await page.getByRole('button', { name: 'ナビゲーションを開く' }).click();
        const nav = page.getByRole('navigation', { name: 'メインナビゲーション' });
        const tabs = await nav.getByRole('link').allTextContents();
        assert(JSON.stringify(tabs) === JSON.stringify(TABS), `the menu's tabs: ${JSON.stringify(tabs)}`);
        const current = await nav.locator('[aria-current="page"]').allTextContents();
        assert(JSON.stringify(current) === JSON.stringify([here]), `the menu marks ${JSON.stringify(current)}, not 「${here}」`);
        if (target.name === 'dashboard') {
          await screenshot(page, `layout-${width}-navigation`);
          await expectA11y(page, `the navigation menu at ${width} px`);
        }
        await nav.getByRole('link', { name: target.tab }).click();
        await nav.waitFor({ state: 'detached' });
        here = target.tab;
      }
      await settle(page, target);
      const m = await page.evaluate(measure);
      expectFits(m, `${target.name} at ${width} px`);
      expectRowActionsOnScreen(m, target, width);
      await screenshot(page, `layout-${width}-${target.name}`);
      await expectA11y(page, `${target.name} at ${width} px`);
    }
    assertNoLoop();
  } finally {
    await context.close();
  }
});

test('the Japanese web font (Noto Sans JP from @fontsource) is loaded and draws the Japanese text', async () => {
  const portal = await demoPortal();
  const { context, page } = await newPage(portal.baseUrl, { viewport: VIEWPORTS.phone });
  try {
    await page.goto('/login');
    const text = 'ログインしてください';
    await page.getByText(text, { exact: true }).waitFor();
    const fonts = await page.evaluate(async (probe) => {
      await document.fonts.ready;
      const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans JP');
      const el = [...document.querySelectorAll('p, span, h1, h2, div')].find((e) => e.textContent === probe && e.children.length === 0);
      el?.setAttribute('data-font-probe', '');
      return {
        check: document.fonts.check('16px "Noto Sans JP"', '日本語'),
        faces: faces.length,
        loaded: faces.filter((f) => f.status === 'loaded').length,
        probe: Boolean(el),
      };
    }, text);
    // check() alone is also true for a family the page does not know: the faces must be the app's own, loaded.
    assert(fonts.faces > 0, 'the app declares no Noto Sans JP font faces');
    assert(fonts.loaded > 0, `no Noto Sans JP face loaded (${fonts.faces} declared)`);
    assert(fonts.check, 'document.fonts.check("16px \\"Noto Sans JP\\"", "日本語") is false');
    assert(fonts.probe, `no element holds 「${text}」 alone`);
    // What the browser really drew the text with (the DevTools "Rendered fonts").
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-font-probe]' });
    const { fonts: rendered } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    assert(
      rendered.some((f) => f.isCustomFont && /Noto Sans JP/.test(f.familyName)),
      `「${text}」 is drawn with ${JSON.stringify(rendered)}, not the web font`,
    );
  } finally {
    await context.close();
  }
});
