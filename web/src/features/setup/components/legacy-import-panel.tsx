import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorAlert } from '@/components/error-alert';
import type { UploadProgress } from '@/lib/api-client';
import { formatBytes } from '@/lib/format';
import { IMPORT_BODY_LIMIT, IMPORT_COUNT_KINDS, LEGACY_COLLECTIONS, importBodyBytes, importTooLarge, type ImportReport } from '../api/setup-api';
import { useImportLegacy } from '../hooks/use-setup';

type ExportFiles = Record<string, string>;

function collectionOf(path: string): string | null {
  const name = path.split('/').pop() ?? '';
  const collection = name.replace(/\.json$/i, '');
  return (LEGACY_COLLECTIONS as readonly string[]).includes(collection) && /\.json$/i.test(name) ? collection : null;
}

/** A file's bytes (FileReader: the one way every browser, and jsdom, supports). */
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Reads the chosen files (JSON files, or a zip of them) into collection → text. Only the four
 * collections are kept; progress is reported in bytes.
 */
async function readExport(files: File[], onProgress: (fraction: number) => void): Promise<ExportFiles> {
  const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
  let done = 0;
  const out: ExportFiles = {};
  const decoder = new TextDecoder('utf-8');
  for (const file of files) {
    if (/\.zip$/i.test(file.name)) {
      const { unzipSync } = await import('fflate');
      const entries = unzipSync(await readBytes(file), { filter: (entry) => collectionOf(entry.name) !== null });
      for (const [path, bytes] of Object.entries(entries)) {
        const collection = collectionOf(path);
        if (collection) out[`${collection}.json`] = decoder.decode(bytes);
      }
    } else {
      const collection = collectionOf(file.name);
      if (collection) out[`${collection}.json`] = decoder.decode(await readBytes(file));
    }
    done += file.size;
    onProgress(done / total);
  }
  return out;
}

/**
 * A running dry run or apply: the upload's bytes as a percentage, then, once the server has the
 * whole export, an indeterminate bar while it works.
 */
function ImportProgress({ upload }: { upload: UploadProgress | null }) {
  const { t, i18n } = useTranslation();
  if (upload && upload.loaded < upload.total) {
    const percent = Math.floor((upload.loaded / upload.total) * 100);
    const text = t('setup.import.uploading', {
      percent,
      sent: formatBytes(upload.loaded, i18n.language),
      total: formatBytes(upload.total, i18n.language),
    });
    return (
      <Box sx={{ mt: 2 }} data-testid="import-progress">
        <LinearProgress variant="determinate" value={percent} aria-label={t('setup.import.uploadingLabel')} aria-valuetext={text} />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {text}
        </Typography>
      </Box>
    );
  }
  return (
    <Box sx={{ mt: 2 }} data-testid="import-progress">
      <LinearProgress aria-label={t('setup.import.working')} />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {t('setup.import.processing')}
      </Typography>
    </Box>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const summary = report.dryRun
    ? report.changed
      ? t('setup.import.dryRunSummary')
      : t('setup.import.dryRunNothing')
    : report.changed
      ? t('setup.import.appliedSummary')
      : t('setup.import.appliedNothing');
  return (
    <Box data-testid="import-report" sx={{ mt: 2 }}>
      <Alert severity={report.dryRun ? 'info' : 'success'} sx={{ mb: 1 }}>
        {summary}
        <Typography variant="body2" component="span" sx={{ display: 'block' }}>
          {t(`setup.import.anthropic.${report.anthropic}`)}
        </Typography>
      </Alert>
      <TableContainer>
        <Table size="small" aria-label={t('setup.import.countsLabel')} data-testid="import-counts">
          <TableHead>
            <TableRow>
              <TableCell>{t('setup.import.kind')}</TableCell>
              <TableCell align="right">{t('setup.import.created')}</TableCell>
              <TableCell align="right">{t('setup.import.matched')}</TableCell>
              <TableCell align="right">{t('setup.import.skipped')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {IMPORT_COUNT_KINDS.map((kind) => {
              const count = report.counts[kind] ?? { created: 0, matched: 0, skipped: 0 };
              return (
                <TableRow key={kind} data-kind={kind}>
                  <TableCell>{t(`setup.import.kinds.${kind}`)}</TableCell>
                  <TableCell align="right">{count.created}</TableCell>
                  <TableCell align="right">{count.matched}</TableCell>
                  <TableCell align="right">{count.skipped}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        {t('setup.import.problems', { count: report.problems.length })}
      </Typography>
      {report.problems.length === 0 ? (
        <Typography color="text.secondary">{t('setup.import.noProblems')}</Typography>
      ) : (
        <Box component="ul" data-testid="import-problems" sx={{ pl: 2, my: 1, maxHeight: 320, overflow: 'auto' }}>
          {report.problems.map((p, i) => (
            <li key={`${p.kind}-${p.legacyId}-${i}`}>
              <Chip size="small" label={t(`setup.import.problemKinds.${p.kind}`, { defaultValue: p.kind })} sx={{ mr: 1 }} />
              <Typography component="span" variant="body2">
                {p.collection}
                {p.legacyId ? ` ${p.legacyId}` : ''}: {p.message}
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** Upload the old portal's export, see the dry run's report, then apply it (R-X4). */
export function LegacyImportPanel() {
  const { t, i18n } = useTranslation();
  const run = useImportLegacy();
  const [files, setFiles] = useState<ExportFiles | null>(null);
  // The request body's size for these files: over the server's limit, the panel refuses to send it.
  const [bodyBytes, setBodyBytes] = useState(0);
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [reading, setReading] = useState<number | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [confirming, setConfirming] = useState(false);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (chosen.length === 0) return;
    setReport(null);
    setReadError(null);
    run.reset();
    setReading(0);
    try {
      const read = await readExport(chosen, setReading);
      setFiles(read);
      setBodyBytes(importBodyBytes(read));
    } catch {
      setFiles(null);
      setBodyBytes(0);
      setReadError(t('setup.import.readFailed'));
    } finally {
      setReading(null);
    }
  };

  const tooLarge = files !== null && importTooLarge(bodyBytes);

  const submit = (dryRun: boolean) => {
    if (!files || tooLarge) return;
    setUpload({ loaded: 0, total: bodyBytes });
    run.mutate(
      { files, dryRun, onUploadProgress: setUpload },
      {
        onSuccess: (r) => {
          setReport(r);
          setConfirming(false);
        },
        onSettled: () => setUpload(null),
      },
    );
  };

  const canApply = Boolean(files && !tooLarge && report?.dryRun && report.changed && !run.isPending);
  return (
    <Box>
      <Typography color="text.secondary">{t('setup.import.description')}</Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }}>
        <Button variant="outlined" component="label">
          {t('setup.import.chooseFiles')}
          <input
            hidden
            type="file"
            multiple
            accept=".json,.zip,application/json,application/zip"
            onChange={(e) => void choose(e)}
            aria-label={t('setup.import.chooseFiles')}
          />
        </Button>
      </Stack>
      {reading !== null ? (
        <LinearProgress variant="determinate" value={Math.round(reading * 100)} aria-label={t('setup.import.reading')} sx={{ mt: 2 }} />
      ) : null}
      {readError ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {readError}
        </Alert>
      ) : null}
      {files ? (
        <Box component="ul" data-testid="import-files" sx={{ pl: 2, my: 1 }}>
          {LEGACY_COLLECTIONS.map((c) => (
            <li key={c}>
              <Typography variant="body2" component="span">
                {`${c}.json: `}
                {files[`${c}.json`] !== undefined ? t('setup.import.fileFound') : t('setup.import.fileMissing')}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {tooLarge ? (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="import-too-large">
          {t('setup.import.tooLarge', {
            size: formatBytes(bodyBytes, i18n.language),
            limit: formatBytes(IMPORT_BODY_LIMIT, i18n.language),
          })}
          <Box component="code" sx={{ display: 'block', mt: 1, fontFamily: 'monospace' }}>
            portal import legacy-mongo --from DIR
          </Box>
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', gap: 1 }}>
        <Button variant="contained" disabled={!files || tooLarge || run.isPending} onClick={() => submit(true)}>
          {t('setup.import.dryRun')}
        </Button>
        <Button variant="contained" color="warning" disabled={!canApply} onClick={() => setConfirming(true)}>
          {t('setup.import.apply')}
        </Button>
      </Stack>
      {run.isPending && !confirming ? <ImportProgress upload={upload} /> : null}
      {!confirming ? <ErrorAlert error={run.error} /> : null}
      {report ? <ReportView report={report} /> : null}
      <ConfirmDialog
        open={confirming}
        title={t('setup.import.confirmTitle')}
        confirmLabel={t('setup.import.apply')}
        pending={run.isPending}
        progress={<ImportProgress upload={upload} />}
        error={run.error}
        onConfirm={() => submit(false)}
        onClose={() => setConfirming(false)}
      >
        <Typography>{t('setup.import.confirmBody')}</Typography>
      </ConfirmDialog>
    </Box>
  );
}
