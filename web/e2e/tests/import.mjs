// The old portal's export, imported during onboarding and from the SuperAdmin's data migration page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, expectA11y, login, newPage, openUserMenuItem, screenshot, startEmulator, startPortal, suite, webDir } from '../harness.mjs';

const test = suite('import');

const LEGACY_EXPORT = join(webDir, '..', 'server/tests/fixtures/legacy-mongo');
const LEGACY_ANTHROPIC = join(webDir, '..', 'server/tests/fixtures/legacy-mongo-anthropic.json');
const DRY_RUN_SUMMARY = 'ドライラン: 何も変更していません。実行すると次のとおり取り込みます。';
const DRY_RUN_FETCHED = 'Anthropic の最新のデータを読み込んでキーを照合しました（試行なので保存していません）。';

/** Chooses the shared fixture's four files in the import panel and waits for the panel to list them. */
async function chooseExport(page) {
  await page
    .locator('input[type=file]')
    .setInputFiles(['simpleorganizations', 'simpleusers', 'anthropicapikeys', 'prompts'].map((c) => join(LEGACY_EXPORT, `${c}.json`)));
  await page.getByTestId('import-files').getByText('simpleusers.json: あり').waitFor();
}

/** The report's counts row of one kind, as its text (kind, created, matched, skipped). */
async function countsRow(page, kind) {
  return page.getByTestId('import-counts').locator(`tr[data-kind="${kind}"]`).textContent();
}

/** Runs the dry run and checks the fixture's report: six users and six key assignments to create. */
async function dryRunFixture(page) {
  await page.getByRole('button', { name: 'ドライラン（確認のみ）' }).click();
  const report = page.getByTestId('import-report');
  await report.getByText(DRY_RUN_SUMMARY).waitFor();
  await report.getByText(DRY_RUN_FETCHED).waitFor();
  const users = await countsRow(page, 'users');
  assert(users === 'ユーザー600', `users row: ${users}`);
  const assignments = await countsRow(page, 'assignments');
  assert(assignments === 'キーの割り当て600', `assignments row: ${assignments}`);
  return report;
}

/**
 * A portal set up without the wizard, as an installation looks later on: the SuperAdmin
 * (POST /setup) and the Anthropic connection to the emulator (PUT /settings/anthropic).
 */
async function setUpThroughApi(portal, emulator, adminKey, superAdmin) {
  const call = async (method, path, body, token) => {
    const res = await fetch(`${portal.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { accessToken } = await call('POST', '/setup', { ...superAdmin, client: 'cli' });
  await call('PUT', '/settings/anthropic', { adminKey, baseUrl: emulator.url }, accessToken);
}

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
    await chooseExport(page);
    const report = await dryRunFixture(page);
    await screenshot(page, 'onboarding-import-dry-run');
    await expectA11y(page, 'onboarding import');

    await page.getByRole('button', { name: 'インポートを実行' }).click();
    const dialog = page.getByRole('dialog', { name: 'インポートを実行しますか？' });
    await dialog.getByText('バックアップ', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'インポートを実行' }).click();
    await report.getByText('インポートが完了しました。').waitFor();
    await report.getByText('Anthropic と同期してからキーを照合しました。').waitFor();
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

test('a SuperAdmin opens データ移行 from the user menu: /import uploads the export with its progress, dry-runs and applies it', async () => {
  const adminKey = 'sk-ant-admin01-e2e-legacy-import-menu-0000';
  const superAdmin = { name: '移行 管理者', email: 'import-admin@example.com', password: 'e2e-import-admin-pw' };
  const [portal, emulator] = await Promise.all([startPortal({ demo: false }), startEmulator(adminKey, { seedFile: LEGACY_ANTHROPIC })]);
  const { context, page, assertNoLoop } = await newPage(portal.baseUrl);
  try {
    await setUpThroughApi(portal, emulator, adminKey, superAdmin);
    await login(page, superAdmin);
    await openUserMenuItem(page, 'データ移行');
    await page.waitForURL('**/import');
    await page.getByRole('heading', { level: 1, name: '旧ポータルからのデータ移行' }).waitFor();
    // The menu fades out after its item is chosen: axe would read its half-transparent items.
    await page.locator('#user-menu').waitFor({ state: 'detached' });
    await expectA11y(page, 'data migration page');

    await chooseExport(page);
    // A slow line (Chromium's network emulation, 4 kB/s up): the browser reports the ~12 kB body as
    // sent, and the answer takes seconds, so the page shows the upload done and the server at work.
    const cdp = await context.newCDPSession(page);
    const throttle = (uploadThroughput) =>
      cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput });
    await cdp.send('Network.enable');
    await throttle(4000);
    await page.getByRole('button', { name: 'ドライラン（確認のみ）' }).click();
    const progress = page.getByTestId('import-progress');
    await progress.getByRole('progressbar', { name: '処理中…' }).waitFor();
    await progress.getByText('処理中…（アップロードは完了しました', { exact: false }).waitFor();
    assert((await page.getByRole('progressbar', { name: 'アップロードの進み具合' }).count()) === 0, 'the upload bar stays after the upload');
    await screenshot(page, 'import-page-working');
    await expectA11y(page, 'data migration page, working');
    await throttle(-1);

    const report = page.getByTestId('import-report');
    await report.getByText(DRY_RUN_SUMMARY).waitFor();
    await report.getByText(DRY_RUN_FETCHED).waitFor();
    for (const [kind, row] of [
      ['users', 'ユーザー600'],
      ['assignments', 'キーの割り当て600'],
    ]) {
      const text = await countsRow(page, kind);
      assert(text === row, `${kind} row: ${text}`);
    }
    await progress.waitFor({ state: 'detached' });
    await screenshot(page, 'import-page-dry-run');
    await expectA11y(page, 'data migration page, dry run report');

    // The apply, from the same page; then a dry run finds everything imported.
    await page.getByRole('button', { name: 'インポートを実行' }).click();
    const dialog = page.getByRole('dialog', { name: 'インポートを実行しますか？' });
    await dialog.getByRole('button', { name: 'インポートを実行' }).click();
    await report.getByText('インポートが完了しました。').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'ドライラン（確認のみ）' }).click();
    await report.getByText('ドライラン: 何も変更していません。実行しても変更はありません（すべて取り込み済みです）。').waitFor();
    const again = await countsRow(page, 'users');
    assert(again === 'ユーザー060', `users row after the apply: ${again}`);
    assertNoLoop();
  } finally {
    await context.close();
    await Promise.all([portal.stop(), emulator.stop()]);
  }
});
