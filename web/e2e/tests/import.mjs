// The old portal's export, imported during onboarding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assert,
  expectA11y,
  login,
  newPage,
  openUserMenuItem,
  screenshot,
  startEmulator,
  startPortal,
  suite,
  webDir,
} from '../harness.mjs';

const test = suite('import');

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
    await report.getByText('Anthropic の最新のデータを読み込んでキーを照合しました（試行なので保存していません）。').waitFor();
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
