import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { zipSync, strToU8 } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '@/test/fake-xhr';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import { importBodyBytes, type ImportReport } from '../api/setup-api';
import { LegacyImportPanel } from './legacy-import-panel';

// The real size check, which one test replaces with a size over the limit (no 64 MiB in memory).
vi.mock('../api/setup-api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api/setup-api')>();
  return { ...actual, importBodyBytes: vi.fn(actual.importBodyBytes) };
});

const USERS = '{"_id": {"$oid": "a"}, "email": "a@example.jp"}\n';
const ORGS = '{"_id": {"$oid": "o"}, "name": "APPG"}\n';

function report(dryRun: boolean, changed = true): ImportReport {
  return {
    dryRun,
    anthropic: 'synced',
    syncRunId: 'syn_1',
    changed,
    counts: {
      organizations: { created: 1, matched: 0, skipped: 0 },
      users: { created: 6, matched: 0, skipped: 1 },
    },
    problems: [{ kind: 'duplicate_email', collection: 'simpleusers', legacyId: 'b', message: '"A@example.jp" differs only in case' }],
  };
}

describe('LegacyImportPanel (R-X4)', () => {
  it('reads the chosen files, shows the dry run, then applies after a confirmation', async () => {
    const bodies: { dryRun: boolean; files: Record<string, string> }[] = [];
    server.use(
      http.post('/api/v1/import/legacy-mongo', async ({ request }) => {
        const body = (await request.json()) as { dryRun: boolean; files: Record<string, string> };
        bodies.push(body);
        return HttpResponse.json(report(body.dryRun));
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<LegacyImportPanel />);
    expect(screen.getByRole('button', { name: 'ドライラン（確認のみ）' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'インポートを実行' })).toBeDisabled();

    await user.upload(screen.getByLabelText('ファイルを選択'), [
      new File([USERS], 'simpleusers.json', { type: 'application/json' }),
      new File([ORGS], 'simpleorganizations.json', { type: 'application/json' }),
      new File(['ignored'], 'notes.txt'),
    ]);
    const files = await screen.findByTestId('import-files');
    expect(files).toHaveTextContent('simpleusers.json: あり');
    expect(files).toHaveTextContent('prompts.json: なし（空として扱います）');
    // Nothing is applied before a dry run.
    expect(screen.getByRole('button', { name: 'インポートを実行' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'ドライラン（確認のみ）' }));
    const shown = await screen.findByTestId('import-report');
    expect(shown).toHaveTextContent('ドライラン: 何も変更していません。');
    expect(within(shown).getByText('大文字小文字違いのメール')).toBeInTheDocument();
    const usersRow = screen.getByTestId('import-counts').querySelector('tr[data-kind="users"]');
    expect(usersRow).toHaveTextContent('ユーザー601');
    expect(bodies[0]).toEqual({ dryRun: true, files: { 'simpleusers.json': USERS, 'simpleorganizations.json': ORGS } });

    await user.click(screen.getByRole('button', { name: 'インポートを実行' }));
    const dialog = await screen.findByRole('dialog', { name: 'インポートを実行しますか？' });
    expect(dialog).toHaveTextContent('バックアップ');
    await user.click(within(dialog).getByRole('button', { name: 'インポートを実行' }));
    expect(await screen.findByText('インポートが完了しました。')).toBeInTheDocument();
    expect(bodies[1].dryRun).toBe(false);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('button', { name: 'インポートを実行' })).toBeDisabled();
  });

  it('takes a zip of the export (in a folder, as people zip it)', async () => {
    let files: Record<string, string> = {};
    server.use(
      http.post('/api/v1/import/legacy-mongo', async ({ request }) => {
        files = ((await request.json()) as { files: Record<string, string> }).files;
        return HttpResponse.json(report(true, false));
      }),
    );
    const zip = zipSync({ 'export/simpleusers.json': strToU8(USERS), 'export/readme.md': strToU8('#') });
    const user = userEvent.setup();
    renderWithProviders(<LegacyImportPanel />);
    await user.upload(screen.getByLabelText('ファイルを選択'), new File([zip], 'export.zip', { type: 'application/zip' }));
    expect(await screen.findByTestId('import-files')).toHaveTextContent('simpleusers.json: あり');
    await user.click(screen.getByRole('button', { name: 'ドライラン（確認のみ）' }));
    expect(await screen.findByText(/実行しても変更はありません/)).toBeInTheDocument();
    expect(files).toEqual({ 'simpleusers.json': USERS });
    // A dry run that would change nothing leaves nothing to apply.
    expect(screen.getByRole('button', { name: 'インポートを実行' })).toBeDisabled();
  });

  it('shows a broken file with the file and line the server names', async () => {
    server.use(
      http.post('/api/v1/import/legacy-mongo', () =>
        apiError(400, 'invalid_export', 'simpleusers.json line 2: not valid JSON (syntax error); nothing was imported'),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<LegacyImportPanel />);
    await user.upload(screen.getByLabelText('ファイルを選択'), new File(['{'], 'simpleusers.json'));
    await screen.findByTestId('import-files');
    await user.click(screen.getByRole('button', { name: 'ドライラン（確認のみ）' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('エクスポートファイルを読み取れません: simpleusers.json line 2: not valid JSON');
  });

  describe('progress of a large export', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('shows the upload as a percentage, then 処理中… while the server works, for the dry run and the apply', async () => {
      FakeXhr.reset();
      vi.stubGlobal('XMLHttpRequest', FakeXhr);
      const user = userEvent.setup();
      renderWithProviders(<LegacyImportPanel />);
      await user.upload(screen.getByLabelText('ファイルを選択'), new File([USERS], 'simpleusers.json', { type: 'application/json' }));
      await screen.findByTestId('import-files');

      await user.click(screen.getByRole('button', { name: 'ドライラン（確認のみ）' }));
      await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
      const dryRun = FakeXhr.sent[0];
      expect(JSON.parse(dryRun.body as string)).toEqual({ dryRun: true, files: { 'simpleusers.json': USERS } });
      // Before the first progress event: 0 % of what will be sent.
      expect(screen.getByRole('progressbar', { name: 'アップロードの進み具合' })).toHaveAttribute('aria-valuenow', '0');

      act(() => dryRun.progress(2 * 1024 * 1024, 5 * 1024 * 1024));
      const bar = screen.getByRole('progressbar', { name: 'アップロードの進み具合' });
      expect(bar).toHaveAttribute('aria-valuenow', '40');
      expect(bar).toHaveAttribute('aria-valuetext', 'アップロード中… 40%（2.0 MiB / 5.0 MiB）');
      expect(screen.getByTestId('import-progress')).toHaveTextContent('アップロード中… 40%（2.0 MiB / 5.0 MiB）');

      act(() => dryRun.progress(5 * 1024 * 1024, 5 * 1024 * 1024));
      act(() => dryRun.uploaded());
      expect(screen.queryByRole('progressbar', { name: 'アップロードの進み具合' })).toBeNull();
      const working = screen.getByRole('progressbar', { name: '処理中…' });
      expect(working).not.toHaveAttribute('aria-valuenow');
      expect(screen.getByTestId('import-progress')).toHaveTextContent('処理中…（アップロードは完了しました');

      act(() => dryRun.respond(200, report(true)));
      expect(await screen.findByTestId('import-report')).toHaveTextContent('ドライラン: 何も変更していません。');
      expect(screen.queryByTestId('import-progress')).toBeNull();

      // The apply: the same progress inside the confirmation, which stays open until it is done.
      await user.click(screen.getByRole('button', { name: 'インポートを実行' }));
      const dialog = await screen.findByRole('dialog', { name: 'インポートを実行しますか？' });
      await user.click(within(dialog).getByRole('button', { name: 'インポートを実行' }));
      await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
      const apply = FakeXhr.sent[1];
      expect(JSON.parse(apply.body as string)).toMatchObject({ dryRun: false });
      act(() => apply.progress(768, 1024));
      expect(within(dialog).getByRole('progressbar', { name: 'アップロードの進み具合' })).toHaveAttribute('aria-valuenow', '75');
      expect(within(dialog).getByTestId('import-progress')).toHaveTextContent('アップロード中… 75%（768 B / 1.0 KiB）');
      // Only one bar at a time: the panel's own stays hidden behind the dialog.
      expect(screen.getAllByTestId('import-progress')).toHaveLength(1);
      act(() => apply.uploaded());
      expect(within(dialog).getByRole('progressbar', { name: '処理中…' })).toBeInTheDocument();
      act(() => apply.respond(200, report(false)));
      expect(await screen.findByText('インポートが完了しました。')).toBeInTheDocument();
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(screen.queryByTestId('import-progress')).toBeNull();
    });

    it('still shows a refused upload as today: 413 payload_too_large', async () => {
      FakeXhr.reset();
      vi.stubGlobal('XMLHttpRequest', FakeXhr);
      const user = userEvent.setup();
      renderWithProviders(<LegacyImportPanel />);
      await user.upload(screen.getByLabelText('ファイルを選択'), new File([USERS], 'simpleusers.json'));
      await screen.findByTestId('import-files');
      await user.click(screen.getByRole('button', { name: 'ドライラン（確認のみ）' }));
      await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
      act(() => FakeXhr.sent[0].progress(512, 1024));
      act(() => FakeXhr.sent[0].respond(413, { error: { code: 'payload_too_large', message: 'request body over 67108864 bytes' }, requestId: 'req-413' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('データが大きすぎます。');
      expect(alert).toHaveTextContent('req-413');
      expect(screen.queryByTestId('import-progress')).toBeNull();
      expect(screen.getByRole('button', { name: 'ドライラン（確認のみ）' })).toBeEnabled();
    });
  });

  it('refuses an export over 64 MiB before sending it and names the command line import', async () => {
    let posts = 0;
    server.use(
      http.post('/api/v1/import/legacy-mongo', () => {
        posts += 1;
        return HttpResponse.json(report(true));
      }),
    );
    vi.mocked(importBodyBytes).mockReturnValueOnce(70 * 1024 * 1024 + 1);
    const user = userEvent.setup();
    renderWithProviders(<LegacyImportPanel />);
    await user.upload(screen.getByLabelText('ファイルを選択'), new File([USERS], 'simpleusers.json'));
    expect(await screen.findByTestId('import-files')).toHaveTextContent('simpleusers.json: あり');
    const refusal = screen.getByTestId('import-too-large');
    expect(refusal).toHaveTextContent('送信すると 70.0 MiB になり、画面から取り込める上限（64.0 MiB）を超えるため、ここからは送信できません');
    expect(within(refusal).getByText('portal import legacy-mongo --from DIR')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'ドライラン（確認のみ）' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'インポートを実行' })).toBeDisabled();
    expect(posts).toBe(0);

    // A smaller export chosen next is measured again and can be sent.
    await user.upload(screen.getByLabelText('ファイルを選択'), new File([USERS], 'simpleusers.json'));
    await waitFor(() => expect(screen.queryByTestId('import-too-large')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'ドライラン（確認のみ）' }));
    await screen.findByTestId('import-report');
    expect(posts).toBe(1);
  });
});
