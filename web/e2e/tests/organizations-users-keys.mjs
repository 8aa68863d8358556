// Every management flow against the real API.
import {
  account,
  assert,
  demoPortal,
  dialogClosed,
  emulatorKeys,
  expectA11y,
  fieldShows,
  login,
  newPage,
  openTab,
  openUserMenuItem,
  screenshot,
  sleep,
  suite,
} from '../harness.mjs';

const test = suite('organizations-users-keys');

test('SuperAdmin: organization → workspace → sync → register a pasted key → user with key → switch key → delete organization', async () => {
  const portal = await demoPortal();
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  const stamp = Date.now().toString(36);
  const orgName = `E2E商事 ${stamp}`;
  const wsName = `e2e-${stamp}`;
  const person = { name: `E2E 花子 ${stamp}`, email: `hanako-${stamp}@example.com` };
  const dialog = page.getByRole('dialog');
  const closed = (what) => dialogClosed(page, what);
  const tab = (name) => openTab(page, name);
  // A server-searched picker: open it, type (the server searches), choose.
  const choose = async (scope, label, option) => {
    const field = scope.getByRole('combobox', { name: label });
    await field.click();
    await field.fill(option);
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  };
  try {
    await login(page, account(portal, 'SuperAdmin'));

    // 1. Create the organization in the modal (name and description only).
    await tab('組織管理');
    await page.getByRole('button', { name: '組織を作成' }).click();
    assert((await dialog.locator('input, textarea:not([aria-hidden])').count()) === 2, 'the create modal asks for name and description only');
    await dialog.getByLabel('組織名').fill(orgName);
    await dialog.getByLabel('説明（任意）').fill('E2E で作成');
    // Unsaved work is not lost: Esc asks first; keeping on editing keeps what was typed.
    await page.keyboard.press('Escape');
    const discard = page.getByRole('dialog', { name: '変更を破棄しますか？' });
    await discard.getByRole('button', { name: '編集を続ける' }).click();
    await discard.waitFor({ state: 'detached' });
    assert((await page.getByRole('dialog', { name: '組織を作成' }).getByLabel('組織名').inputValue()) === orgName, 'typed name kept');
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
    await fieldShows(page.getByRole('row').filter({ hasText: wsName }).getByRole('combobox', { name: '組織' }), orgName);
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
        // Switching the status is in the row's menu.
        await row.getByRole('button', { name: `${k.name} の操作` }).click();
        await page.getByRole('menuitem', { name: `${k.name} を有効化` }).click();
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
    await dialog.getByRole('combobox', { name: 'APIキー（任意）' }).click();
    const offered = await page.getByRole('option').allTextContents();
    assert(
      offered.length === 3 && offered.slice(1).every((o) => /^apikey_\w+: sk-ant-api03-.{3}\.\.\..{4} \(.+\)$/.test(o)),
      `picker: ${JSON.stringify(offered)}`,
    );
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
    await dialog.getByRole('combobox', { name: 'APIキー（任意）' }).click();
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
    await fieldShows(page.getByRole('row').filter({ hasText: 'Research' }).getByRole('combobox', { name: '組織' }), orgName);
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
