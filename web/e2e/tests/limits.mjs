// Limits per customer organization (「上限」 on the organization page) against the real API and
// the demo emulator: rate limits under the organization's ceiling, the monthly spend limit, drift
// after a Console-side change, the spend-limit preview switched off, and who may see what.
import { account, assert, expectA11y, login, newPage, screenshot, startPortal, suite } from '../harness.mjs';

const test = suite('limits');

/** Logs in through the API; answers a fetch bound to the session's access token. */
async function apiAs(portal, who) {
  const res = await fetch(`${portal.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (!res.ok) throw new Error(`API login of ${who.email}: ${res.status} ${await res.text()}`);
  const { accessToken } = await res.json();
  return (path) => fetch(`${portal.baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

/** The demo emulator's own Admin API, as the Anthropic Console would change things. */
async function emulatorPost(portal, path, body, headers = {}) {
  const emu = portal.emulator();
  assert(emu, `portal --demo printed no 'demo emulator: url=… admin_key=…' line:\n${portal.output().slice(-1500)}`);
  const res = await fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': emu.adminKey, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`emulator POST ${path}: ${res.status} ${await res.text()}`);
}

test('SuperAdmin sets a rate limit under the ceiling (one above it is refused) and a $500 spend limit; a Console change shows as drift; the preview off sends to the Console; the Admin reads only; another Admin gets nothing', async () => {
  // A portal of its own: this test changes the emulator's limits and settings.
  const portal = await startPortal({ demo: true });
  const su = await newPage(portal.baseUrl);
  const admin = await newPage(portal.baseUrl);
  const other = await newPage(portal.baseUrl);
  const { page } = su;
  const orgName = '株式会社サンプル';
  try {
    // The SuperAdmin opens the organization from the organizations tab (its name links to its page).
    await login(page, account(portal, 'SuperAdmin'));
    await page.getByRole('navigation', { name: 'メインナビゲーション' }).getByRole('link', { name: '組織管理' }).click();
    await page.getByRole('link', { name: orgName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: orgName }).waitFor();
    const orgId = new URL(page.url()).pathname.split('/').pop();
    assert(orgId?.startsWith('org_'), `organization page URL: ${page.url()}`);
    await page.getByRole('navigation', { name: 'パンくずリスト' }).getByRole('link', { name: '組織管理' }).waitFor();
    const section = page.getByRole('region', { name: '上限', exact: true });
    await section.getByText('ワークスペースごとに設定します', { exact: false }).waitFor();
    await section.getByText('約1時間以内に反映されます', { exact: false }).waitFor();

    // What the demo links to it, as the API reports it (the first workspace, its Claude Sonnet group).
    const superApi = await apiAs(portal, account(portal, 'SuperAdmin'));
    const limits = await (await superApi(`/organizations/${orgId}/limits`)).json();
    const ws = limits.workspaces?.[0];
    assert(ws, `a workspace linked to ${orgName}: ${JSON.stringify(limits).slice(0, 500)}`);
    const sonnet = ws.groups.find((g) => g.displayName === 'Claude Sonnet');
    const rpm = sonnet?.limits.find((l) => l.type === 'requests_per_minute');
    assert(rpm && rpm.orgLimit > 200 && !rpm.overridden, `Claude Sonnet requests_per_minute, inherited: ${JSON.stringify(sonnet)}`);
    const ceiling = rpm.orgLimit.toLocaleString('en-US');

    const card = page.getByTestId(`workspace-limits-${ws.id}`);
    const rpmRow = card.getByTestId(`limit-${sonnet.rateLimitId}-requests_per_minute`);
    await rpmRow.getByText('組織の上限を継承').waitFor();
    await rpmRow.getByTestId('limit-value').getByText(ceiling, { exact: true }).waitFor();
    await rpmRow.getByTestId('limit-ceiling').getByText(ceiling, { exact: true }).waitFor();
    await card.getByTestId(`spend-${ws.id}`).getByText('未設定').waitFor();
    await screenshot(page, 'organization-limits');
    await expectA11y(page, 'organization limits');

    // 1. requests_per_minute of Claude Sonnet to 100: shown as set for the workspace.
    let ratePuts = 0;
    page.on('request', (r) => r.method() === 'PUT' && r.url().includes('/rate-limits/') && ratePuts++);
    const editButton = card.getByRole('button', { name: `${ws.name} の Claude Sonnet の上限を編集` });
    const rateDialog = page.getByRole('dialog', { name: `Claude Sonnet の上限（${ws.name}）` });
    await editButton.click();
    await rateDialog.getByText(`組織の上限: ${ceiling}（空欄 = 継承）`, { exact: false }).first().waitFor();
    await rateDialog.getByLabel('リクエスト/分').fill('100');
    await rateDialog.getByRole('button', { name: '保存' }).click();
    await rateDialog.waitFor({ state: 'detached' });
    await rpmRow.getByTestId('limit-value').getByText('100', { exact: true }).waitFor();
    await rpmRow.getByText('個別設定').waitFor();
    assert(ratePuts === 1, `one PUT for the change, got ${ratePuts}`);

    // 2. One above the ceiling: the form refuses it, nothing is sent.
    await editButton.click();
    const field = rateDialog.getByLabel('リクエスト/分');
    assert((await field.inputValue()) === '100', 'the dialog shows the override');
    await field.fill(String(rpm.orgLimit + 1));
    await rateDialog.getByRole('button', { name: '保存' }).click();
    await rateDialog.getByText(`組織の上限（${ceiling}）を超える値は設定できません。`).waitFor();
    assert((await field.getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
    assert(ratePuts === 1, `nothing sent for a value above the ceiling, got ${ratePuts} PUTs`);
    await screenshot(page, 'organization-limits-above-ceiling');
    await expectA11y(page, 'rate limit dialog');
    await rateDialog.getByRole('button', { name: 'キャンセル' }).click();
    await page.getByRole('dialog', { name: '変更を破棄しますか？' }).getByRole('button', { name: '破棄して閉じる' }).click();
    await rateDialog.waitFor({ state: 'detached' });
    await rpmRow.getByTestId('limit-value').getByText('100', { exact: true }).waitFor();

    // 3. A monthly spend limit of $500.
    await card.getByRole('button', { name: `${ws.name} の月間の利用額上限を設定` }).click();
    const spendDialog = page.getByRole('dialog', { name: `月間の利用額上限（${ws.name}）` });
    await spendDialog.getByLabel('上限額（米ドル）').fill('500');
    await spendDialog.getByRole('button', { name: '保存' }).click();
    await spendDialog.waitFor({ state: 'detached' });
    await card.getByTestId(`spend-${ws.id}`).getByText('$500.00', { exact: true }).waitFor();
    const stored = await (await superApi(`/organizations/${orgId}/limits`)).json();
    const spend = stored.workspaces.find((w) => w.id === ws.id)?.spendLimit;
    assert(spend?.amountCents === '50000', `Anthropic holds 50000 cents: ${JSON.stringify(spend)}`);

    // 4. Someone changes the limit in the Console: the page warns, naming both values.
    assert((await section.getByTestId('limits-drift').count()) === 0, 'no drift before the Console change');
    await emulatorPost(
      portal,
      `/v1/organizations/workspaces/${ws.id}/rate_limits/${sonnet.rateLimitId}`,
      { limits: [{ type: 'requests_per_minute', value: 123 }] },
      { 'anthropic-version': '2026-10-21' },
    );
    await section.getByRole('button', { name: '最新の値を読み込む' }).click();
    const drift = section.getByTestId('limits-drift');
    await drift.getByText('ポータルの外で変更された上限があります').waitFor();
    await drift.getByText(`${ws.name} ・ Claude Sonnet ・ リクエスト/分: ポータルでの設定 100 → Anthropic の現在の値 123`).waitFor();
    await rpmRow.getByTestId('limit-value').getByText('123', { exact: true }).waitFor();
    await screenshot(page, 'organization-limits-drift');

    // 5. The spend-limit preview switched off: explained, with the Console's limits page.
    await emulatorPost(portal, '/_emulator/settings', { spend_limits_enabled: false });
    await section.getByRole('button', { name: '最新の値を読み込む' }).click();
    const unavailable = section.getByTestId('spend-unavailable');
    await unavailable.getByText('プレビュー）が有効になっていません', { exact: false }).waitFor();
    const consoleLink = unavailable.getByRole('link', { name: 'Anthropic Console の上限設定を開く（新しいタブ）' });
    assert((await consoleLink.getAttribute('href')) === 'https://console.anthropic.com/settings/limits', 'the Console link');
    assert((await consoleLink.getAttribute('target')) === '_blank', 'the Console link opens a new tab');
    assert((await card.getByTestId(`spend-${ws.id}`).count()) === 0, 'no spend amount without the preview');
    await screenshot(page, 'organization-limits-spend-unavailable');
    await expectA11y(page, 'organization limits without the spend preview');

    // 6. The organization's Admin reads the same limits, and can change nothing.
    await login(admin.page, account(portal, 'Admin'));
    await admin.page.getByRole('navigation', { name: 'メインナビゲーション' }).getByRole('link', { name: '組織管理' }).click();
    await admin.page.getByRole('link', { name: orgName, exact: true }).click();
    const adminCard = admin.page.getByTestId(`workspace-limits-${ws.id}`);
    const adminRow = adminCard.getByTestId(`limit-${sonnet.rateLimitId}-requests_per_minute`);
    await adminRow.getByTestId('limit-value').getByText('123', { exact: true }).waitFor();
    await adminRow.getByText('個別設定').waitFor();
    await admin.page.getByText('上限の変更はスーパー管理者が行います。', { exact: false }).waitFor();
    assert((await adminCard.getByRole('button').count()) === 0, 'no edit or spend buttons for an Admin');
    assert((await admin.page.getByRole('columnheader', { name: '操作' }).count()) === 0, 'no actions column for an Admin');
    await screenshot(admin.page, 'organization-limits-admin');
    await expectA11y(admin.page, 'organization limits (Admin)');

    // 7. An Admin of another organization gets nothing: not the page, not the API.
    const stranger = portal.accounts.find((a) => a.role === 'Admin' && a.email !== account(portal, 'Admin').email);
    assert(stranger, 'a second Admin (of the other organization)');
    await login(other.page, stranger);
    await other.page.goto(`/organizations/${orgId}`);
    await other.page.getByTestId('organization-not-found').getByText('この組織は見つかりません', { exact: false }).waitFor();
    assert((await other.page.getByRole('region', { name: '上限', exact: true }).count()) === 0, 'no limits section for another organization');
    const strangerApi = await apiAs(portal, stranger);
    const denied = await strangerApi(`/organizations/${orgId}/limits`);
    assert(denied.status === 404, `another organization's limits over the API: ${denied.status}`);

    su.assertNoLoop();
    admin.assertNoLoop();
    other.assertNoLoop();
  } finally {
    await Promise.all([su.context.close(), admin.context.close(), other.context.close()]);
    await portal.stop();
  }
});
