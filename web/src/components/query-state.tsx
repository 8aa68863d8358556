import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isNotImplemented } from '@/lib/errors';
import { ErrorAlert } from './error-alert';

interface Props {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  children: ReactNode;
}

/** Loading, error (404 = not available on this server yet), empty, or the content. */
export function QueryState({ isLoading, error, isEmpty, emptyText, children }: Props) {
  const { t } = useTranslation();
  if (isLoading) {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
        <CircularProgress aria-label={t('common.loading')} />
      </Box>
    );
  }
  if (error) {
    if (isNotImplemented(error)) {
      return (
        <Alert severity="info" sx={{ my: 2 }}>
          {t('common.notAvailable')}
        </Alert>
      );
    }
    return <ErrorAlert error={error} />;
  }
  if (isEmpty) {
    return (
      <Typography color="text.secondary" sx={{ py: 6, textAlign: 'center' }} data-testid="query-empty">
        {emptyText ?? t('common.empty')}
      </Typography>
    );
  }
  return <>{children}</>;
}
