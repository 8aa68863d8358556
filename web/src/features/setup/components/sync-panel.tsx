import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/error-alert';
import { isNotImplemented } from '@/lib/errors';
import { useStartSync, useSyncRun } from '../hooks/use-setup';

/** Starts a sync on demand and shows its progress (R-K1). Also used on the API key page. */
export function SyncPanel({ autoStart = false }: { autoStart?: boolean }) {
  const { t } = useTranslation();
  const start = useStartSync();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useSyncRun(runId);
  const autoStarted = useRef(false);
  const { mutate } = start;

  const begin = () => mutate(undefined, { onSuccess: (r) => setRunId(r.runId) });
  useEffect(() => {
    if (!autoStart || autoStarted.current) return;
    autoStarted.current = true;
    mutate(undefined, { onSuccess: (r) => setRunId(r.runId) });
  }, [autoStart, mutate]);

  const error = start.error ?? run.error;
  const status = run.data?.status;
  const running = start.isPending || status === 'running' || (Boolean(runId) && !run.data && !run.error);

  return (
    <Box>
      {running ? (
        <Box sx={{ my: 2 }}>
          <Typography gutterBottom>{t('sync.running')}</Typography>
          <LinearProgress aria-label={t('sync.running')} />
        </Box>
      ) : null}
      {run.data && status !== 'running' ? (
        <Box sx={{ my: 2 }}>
          <LinearProgress variant="determinate" value={100} color={status === 'failed' ? 'error' : 'success'} aria-label={t(`sync.status.${status ?? 'running'}`)} />
          <Alert severity={status === 'failed' ? 'error' : 'success'} sx={{ mt: 1 }}>
            {t(`sync.status.${status ?? 'running'}`)}: {t('sync.counts', { workspaces: run.data.workspaces, apiKeys: run.data.apiKeys })}
            {run.data.error ? ` — ${run.data.error}` : ''}
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
