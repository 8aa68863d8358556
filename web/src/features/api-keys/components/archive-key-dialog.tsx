import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { formatKeyLabel, type ApiKey } from '../api/api-keys-api';
import { useArchiveApiKey } from '../hooks/use-api-keys';

/**
 * 「廃止」: archiving in Anthropic is permanent, so the confirmation says plainly who loses the key,
 * that it never comes back, and that its registered value is erased.
 */
export function ArchiveKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const archive = useArchiveApiKey();
  const holder = apiKey.assignedUser;
  return (
    <ConfirmDialog
      open
      danger
      title={t('apiKeys.archive.title', { name: apiKey.name })}
      confirmLabel={t('apiKeys.archive.action')}
      pending={archive.isPending}
      error={archive.error}
      onClose={onClose}
      onConfirm={() => archive.mutate(apiKey.id, { onSuccess: onClose })}
    >
      <Typography sx={{ fontFamily: 'monospace', fontSize: '0.85rem' }} gutterBottom>
        {formatKeyLabel(apiKey)}
      </Typography>
      <Typography gutterBottom>
        {holder ? t('apiKeys.archive.consequencesHeld', { user: `${holder.name} (${holder.email})` }) : t('apiKeys.archive.consequences')}
      </Typography>
      <Typography gutterBottom sx={{ fontWeight: 'bold' }}>
        {t('apiKeys.archive.irreversible')}
        {apiKey.secretRegistered ? ` ${t('apiKeys.archive.secretErased')}` : null}
      </Typography>
      {holder ? (
        <Typography variant="body2" color="text.secondary">
          {t('apiKeys.archive.replaceInstead')}
        </Typography>
      ) : null}
    </ConfirmDialog>
  );
}
