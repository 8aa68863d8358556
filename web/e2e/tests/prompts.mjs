// The prompt library.
import { account, assert, demoPortal, expectA11y, login, newPage, screenshot, suite } from '../harness.mjs';

const test = suite('prompts');

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
      await dialog.getByLabel('変更メモ（任意）').fill(`${n}回目`);
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
    // Restoring asks first, saying what it will do.
    const confirm = page.getByRole('dialog', { name: 'バージョン 1 を復元しますか？' });
    await confirm.getByText('新しいバージョン 4 として追加されます', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: '復元する' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('復元しました').waitFor();
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
