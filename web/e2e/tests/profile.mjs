// The profile: who is logged in, and their own key.
import { account, assert, demoPortal, emulatorKeys, expectA11y, login, newPage, openUserMenuItem, screenshot, startPortal, suite } from '../harness.mjs';

const test = suite('profile');

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
    await dialog.getByRole('combobox', { name: 'APIキー（任意）' }).click();
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
