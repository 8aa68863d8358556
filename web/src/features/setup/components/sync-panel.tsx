import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/error-alert';
import { isNotImplemented } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import type { SyncRun } from '../api/setup-api';
import { useLatestSyncRun, useStartSync, useSyncRun } from '../hooks/use-setup';

function RunSummary({ run }: { run: SyncRun }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t(`sync.status.${run.status}`)}: {t('sync.counts', { workspaces: run.workspaces, apiKeys: run.apiKeys })}
      {run.vanished ? ` ${t('sync.vanished', { count: run.vanished })}` : ''}
      {run.finishedAt ? ` (${formatDateTime(run.finishedAt, i18n.language)})` : ''}
      {run.error ? ` — ${run.error}` : ''}
    </>
  );
}

/**
 * Starts a sync on demand and follows it to the end with a progress bar (R-K1); shows when the
 * last sync ran and how it ended. Used by the onboarding wizard and the API key page.
 */
export function SyncPanel({ autoStart = false, showLast = true }: { autoStart?: boolean; showLast?: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const start = useStartSync();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useSyncRun(runId);
  const latest = useLatestSyncRun();
  const autoStarted = useRef(false);
  const { mutate } = start;

  const begin = () => mutate(undefined, { onSuccess: (r) => setRunId(r.runId) });
  useEffect(() => {
    if (!autoStart || autoStarted.current) return;
    autoStarted.current = true;
    mutate(undefined, { onSuccess: (r) => setRunId(r.runId) });
  }, [autoStart, mutate]);

  const status = run.data?.status;
  // A finished run changes workspaces, keys, counts and alerts: refresh every list once.
  const finished = Boolean(runId) && status !== undefined && status !== 'running';
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'sync-runs' || q.queryKey[1] === 'latest' });
  }, [finished, queryClient]);

  const error = start.error ?? run.error;
  const running = start.isPending || status === 'running' || (Boolean(runId) && !run.data && !run.error);
  const last = latest.data;

  return (
    <Box>
      {showLast && !running && !run.data ? (
        <Typography data-testid="last-sync" color="text.secondary">
          {last ? (
            <>
              {t('sync.last', { time: formatDateTime(last.finishedAt ?? last.startedAt, i18n.language) })} — <RunSummary run={last} />
            </>
          ) : latest.isSuccess ? (
            t('sync.never')
          ) : null}
        </Typography>
      ) : null}
      {running ? (
        <Box sx={{ my: 2 }} role="status">
          <Typography gutterBottom>
            {t('sync.running')}
            {run.data ? ` ${t('sync.counts', { workspaces: run.data.workspaces, apiKeys: run.data.apiKeys })}` : ''}
          </Typography>
          <LinearProgress aria-label={t('sync.running')} />
        </Box>
      ) : null}
      {run.data && status !== 'running' ? (
        <Box sx={{ my: 2 }}>
          <LinearProgress
            variant="determinate"
            value={100}
            color={status === 'failed' ? 'error' : 'success'}
            aria-label={t(`sync.status.${status ?? 'running'}`)}
          />
          <Alert severity={status === 'failed' ? 'error' : 'success'} sx={{ mt: 1 }} data-testid="sync-result">
            <RunSummary run={run.data} />
          </Alert>
        </Box>
      ) : null}
      {error ? isNotImplemented(error) ? <Alert severity="info">{t('sync.notAvailable')}</Alert> : <ErrorAlert error={error} /> : null}
      {!running ? (
        <Button variant="outlined" onClick={begin} sx={{ mt: 1 }}>
          {runId ? t('sync.again') : t('sync.start')}
        </Button>
      ) : null}
    </Box>
  );
}
