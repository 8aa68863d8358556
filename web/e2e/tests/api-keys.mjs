// Retiring keys (「廃止」) and the leaked-key flow (「漏洩したキーを差し替え」) against the real API.
import {
  account,
  assert,
  dialogClosed,
  emulatorKeys,
  expectA11y,
  login,
  newPage,
  openTab,
  openUserMenuItem,
  screenshot,
  startPortal,
  suite,
} from '../harness.mjs';

const test = suite('api-keys');

/** Logs in through the API (as the client tools do) and answers GET /api/v1/me/api-key as { status, body }. */
async function ownKeyOverApi(portal, who) {
  const session = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (!session.ok) throw new Error(`API login of ${who.email}: ${session.status} ${await session.text()}`);
  const { accessToken } = await session.json();
  const res = await fetch(`${portal.baseUrl}/api/v1/me/api-key`, { headers: { Authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: await res.json() };
}

test('Admin: registers key A for a user, replaces it as leaked with key B (A archived, the user holds B), then retires B (the user holds none); off-boarding retires a key', async () => {
  // A portal of its own: this test archives keys for good.
  const portal = await startPortal({ demo: true });
  const admin = await newPage(portal.baseUrl);
  const mine = await newPage(portal.baseUrl);
  const { page } = admin;
  const dialog = page.getByRole('dialog');
  const closed = (what) => dialogClosed(page, what);
  const tab = (name) => openTab(page, name);
  const rowMenu = async (k, item) => {
    await page
      .getByTestId(`api-key-row-${k.id}`)
      .getByRole('button', { name: `${k.name} の操作` })
      .click();
    await page.getByRole('menuitem', { name: `${k.name} を${item}` }).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
  };
  try {
    // Two keys of the same workspace ("Research", of the Admin's organization), neither registered.
    const [a, b] = (await emulatorKeys(portal)).filter((k) => k.name.startsWith('Research'));
    assert(a && b, 'two Research keys in the emulator');
    const holder = account(portal, 'User');
    await login(page, account(portal, 'Admin'));
    await tab('ユーザー管理');
    const userRow = page.getByTestId(`user-row-${holder.email}`);
    const holderName = ((await userRow.getByRole('cell').first().textContent()) ?? '').trim();
    assert(holderName, 'the holder has a name');

    // 1. Register key A (activated first: Anthropic only accepts an active key's value).
    await tab('APIキー管理');
    for (const k of [a, b]) {
      const row = page.getByTestId(`api-key-row-${k.id}`);
      await row.getByText('未登録').waitFor();
      if (k.status !== 'active') {
        await rowMenu(k, '有効化');
        await dialog.getByRole('button', { name: '有効化' }).click();
        await closed('activate key');
        await row.getByText('有効', { exact: true }).waitFor();
      }
    }
    await page.getByRole('button', { name: 'キーの値を登録' }).click();
    await dialog.getByLabel('キーの値（sk-ant-api03-…）').fill(a.value);
    await dialog.getByRole('button', { name: '登録' }).click();
    await closed('register key A');
    await page.getByTestId('register-success').getByText(a.id, { exact: false }).waitFor();
    const rowA = page.getByTestId(`api-key-row-${a.id}`);
    const rowB = page.getByTestId(`api-key-row-${b.id}`);
    const hintA = ((await rowA.getByRole('cell').nth(2).textContent()) ?? '').trim();

    // 2. … and give it to the user.
    await tab('ユーザー管理');
    await userRow.getByRole('button', { name: `${holderName} を編集` }).click();
    await dialog.getByRole('combobox', { name: 'APIキー（任意）' }).click();
    await page.getByRole('option', { name: new RegExp(`^${a.id}: `) }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await closed('give key A');
    await userRow.getByTestId('user-key-hint').getByText(hintA).waitFor();

    // The user sees key A on their profile.
    await login(mine.page, holder);
    await openUserMenuItem(mine.page, 'プロフィール');
    const label = mine.page.getByTestId('my-api-key-label');
    await label.getByText(a.id, { exact: false }).waitFor();

    // 3. Key A leaked: replace it. The dialog explains the steps and names the holder; key A's own
    // value is refused with what to do.
    await tab('APIキー管理');
    await rowMenu(a, '差し替え');
    const replaceDialog = page.getByRole('dialog', { name: '漏洩したキーを差し替え' });
    await replaceDialog.getByText('Anthropic Console で、同じ組織のワークスペース', { exact: false }).waitFor();
    await replaceDialog.getByText(`新しいキーが ${holderName} (${holder.email}) に割り当てられます`, { exact: false }).waitFor();
    const valueField = replaceDialog.getByLabel('新しいキーの値（sk-ant-api03-…）');
    assert((await valueField.getAttribute('type')) === 'password', 'the value field is a password field');
    await valueField.fill(a.value);
    await replaceDialog.getByRole('button', { name: '差し替え' }).click();
    await replaceDialog.getByTestId('register-replacement_is_same_key').getByText('差し替える前のキーの値です').waitFor();
    await valueField.fill(b.value);
    await screenshot(page, 'api-key-replace');
    await expectA11y(page, 'replace dialog');
    await replaceDialog.getByRole('button', { name: '差し替え' }).click();
    await closed('replace key A');
    const done = page.getByTestId('replace-success');
    await done.getByText(`新しいキー ${b.id}`, { exact: false }).waitFor();
    const doneText = (await done.textContent()) ?? '';
    assert(doneText.includes(`${a.id}: `) && doneText.includes(`${holderName} (${holder.email}) に割り当てました`), `success: ${doneText}`);
    // Key A is archived, its value erased, nobody holds it; key B is registered and held.
    await rowA.getByText('廃止済み', { exact: true }).waitFor();
    await rowA.getByText('未登録').waitFor();
    assert(!((await rowA.textContent()) ?? '').includes(holder.email), 'key A is held by nobody');
    await rowB.getByText(holder.email).waitFor();
    await rowB.getByText('登録済み').waitFor();
    // A retired key offers no action any more.
    assert((await rowA.getByRole('button', { name: `${a.name} の操作` }).count()) === 0, 'no actions on an archived key');
    await screenshot(page, 'api-key-replaced');

    // The user's tools get key B on their next call; so does the profile.
    const afterReplace = await ownKeyOverApi(portal, holder);
    assert(
      afterReplace.status === 200 && afterReplace.body.id === b.id && afterReplace.body.value === b.value,
      `me/api-key after replace: ${JSON.stringify({ ...afterReplace, body: { ...afterReplace.body, value: afterReplace.body.value ? '…' : undefined } })}`,
    );
    await mine.page.reload();
    await label.getByText(b.id, { exact: false }).waitFor();
    await mine.page.getByRole('button', { name: '表示／コピー' }).click();
    await mine.page.getByTestId('my-api-key').getByText(b.value, { exact: true }).waitFor();

    // 4. Retire key B: the confirmation names the holder and says it is for good.
    await rowMenu(b, '廃止');
    const retireDialog = page.getByRole('dialog', { name: `キー「${b.name}」を廃止しますか？` });
    await retireDialog.getByText(`${holderName} (${holder.email}) はすぐにキーを失い`, { exact: false }).waitFor();
    await retireDialog.getByText('二度と有効にできません', { exact: false }).waitFor();
    await retireDialog.getByText('ポータルに登録されたキーの値も消去されます', { exact: false }).waitFor();
    await screenshot(page, 'api-key-retire');
    await expectA11y(page, 'retire dialog');
    await retireDialog.getByRole('button', { name: '廃止' }).click();
    await closed('retire key B');
    await rowB.getByText('廃止済み', { exact: true }).waitFor();
    await rowB.getByText('未登録').waitFor();
    assert(!((await rowB.textContent()) ?? '').includes(holder.email), 'key B is held by nobody');

    // The user holds no key any more: not over the API, not on the profile, not in the user list.
    const afterRetire = await ownKeyOverApi(portal, holder);
    assert(afterRetire.status === 404, `me/api-key after retire: ${afterRetire.status} ${JSON.stringify(afterRetire.body)}`);
    await mine.page.reload();
    await mine.page.getByText('APIキーは割り当てられていません。').waitFor();
    await tab('ユーザー管理');
    await userRow.getByTestId('user-key-hint').getByText('なし', { exact: true }).waitFor();

    // 5. Off-boarding retires a key too: disabling another user of the organization with 「廃止する」.
    const leaver = portal.accounts.find((x) => x.role === 'User' && x.email !== holder.email && x.email.endsWith(holder.email.split('@')[1]));
    assert(leaver, 'a second user of the organization');
    const leaverRow = page.getByTestId(`user-row-${leaver.email}`);
    const leaverName = ((await leaverRow.getByRole('cell').first().textContent()) ?? '').trim();
    const leaverHint = ((await leaverRow.getByTestId('user-key-hint').textContent()) ?? '').trim();
    assert(/^sk-ant-api03-/.test(leaverHint), `the leaver holds a key: ${leaverHint}`);
    await leaverRow.getByRole('button', { name: `${leaverName} の操作` }).click();
    await page.getByRole('menuitem', { name: `${leaverName} を無効化` }).click();
    await dialog
      .getByRole('radiogroup', { name: `割り当てられたAPIキー（${leaverHint}）` })
      .getByRole('radio', { name: '廃止する（元に戻せません）' })
      .check();
    await dialog.getByTestId('offboard-archive-warning').getByText('二度と有効にできません', { exact: false }).waitFor();
    await screenshot(page, 'user-disable-retire-key');
    await expectA11y(page, 'disable dialog with the key choice');
    await dialog.getByRole('button', { name: '無効化' }).click();
    await closed('disable and retire');
    await leaverRow.getByTestId('user-key-hint').getByText('なし', { exact: true }).waitFor();
    await leaverRow.getByText('無効', { exact: true }).waitFor();
    await tab('APIキー管理');
    const leaverKey = page.getByRole('row').filter({ hasText: leaverHint });
    await leaverKey.getByText('廃止済み', { exact: true }).waitFor();
    admin.assertNoLoop();
    mine.assertNoLoop();
  } finally {
    await Promise.all([admin.context.close(), mine.context.close()]);
    await portal.stop();
  }
});
