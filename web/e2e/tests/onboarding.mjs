// The first start: the onboarding wizard on a fresh database, against a real emulator.
import { assert, expectA11y, login, navTabs, newPage, openUserMenuItem, screenshot, startEmulator, startPortal, suite, TABS } from '../harness.mjs';

const test = suite('onboarding');

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
