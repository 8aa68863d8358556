import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDateTime } from '@/lib/format';
import type { UsageRun } from '../api/usage-api';

/** While a collection runs: how many of its days are done, as a bar. */
export function RunProgress({ run }: { run: UsageRun | null }) {
  const { t } = useTranslation();
  const total = run?.daysTotal ?? 0;
  const done = Math.min(run?.daysDone ?? 0, total);
  const label = total > 0 ? t('usage.run.progress', { done, total }) : t('usage.run.starting');
  return (
    <Box role="status" sx={{ my: 2 }} data-testid="usage-run-progress">
      <Typography variant="body2" gutterBottom>
        {label}
      </Typography>
      <LinearProgress
        aria-label={t('usage.run.running')}
        {...(total > 0 ? { variant: 'determinate' as const, value: (done / total) * 100, 'aria-valuetext': label } : {})}
      />
    </Box>
  );
}

/** When the latest collection ran, how it ended and what it read; its error when it failed. */
export function LastRun({ run }: { run: UsageRun | null }) {
  const { t, i18n } = useTranslation();
  if (!run) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="usage-last-run">
        {t('usage.run.never')}
      </Typography>
    );
  }
  const color = run.status === 'succeeded' ? 'success' : run.status === 'failed' ? 'error' : 'default';
  return (
    <Box data-testid="usage-last-run">
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          {t('usage.run.last', { time: formatDateTime(new Date(run.finishedAt ?? run.startedAt), i18n.language) })}
        </Typography>
        <Chip size="small" color={color} label={t(`usage.run.status.${run.status}`)} data-testid="usage-run-status" />
        <Typography variant="body2" color="text.secondary" data-testid="usage-run-details">
          {[
            t(`usage.run.trigger.${run.trigger === 'manual' ? 'manual' : 'sync'}`),
            run.source ? t(`usage.run.source.${run.source}`) : null,
            run.status === 'succeeded' ? t('usage.run.rows', { rows: formatCount(run.rowsWritten, i18n.language) }) : null,
          ]
            .filter(Boolean)
            .join(' ・ ')}
        </Typography>
      </Box>
      {run.status === 'failed' ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="usage-run-error">
          {t('usage.run.failed')}
          {run.error ? ` ${run.error}` : ''}
        </Alert>
      ) : null}
    </Box>
  );
}
