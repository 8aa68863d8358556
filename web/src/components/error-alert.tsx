import Alert from '@mui/material/Alert';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';

/** One way to show a failed request: the translated message and, for support, the request id. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <Alert severity="error" role="alert" sx={{ my: 1 }}>
      {errorMessage(t, error)}
      {requestId ? <span style={{ display: 'block', fontSize: '0.75rem', opacity: 0.8 }}>{t('errors.requestId', { id: requestId })}</span> : null}
    </Alert>
  );
}
