import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { apiError, http, HttpResponse, server } from '@/test/server';
import type { ImportReport } from '../api/setup-api';
import { LegacyImportPanel } from './legacy-import-panel';

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
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'エクスポートファイルを読み取れません: simpleusers.json line 2: not valid JSON',
    );
  });
});
