import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/form-dialog';
import { formatKeyLabel, type ApiKey } from '../api/api-keys-api';
import { useReplaceApiKey } from '../hooks/use-api-keys';
import { PastedKeyField, RegisterError, usePastedKeyForm } from './register-secret-dialog';

interface Props {
  apiKey: ApiKey;
  /** The name of the key's workspace, where the new key can be created. */
  workspace: string;
  onClose: () => void;
  /** The new key (held by the old key's holder, if there was one). */
  onReplaced: (key: ApiKey) => void;
}

/**
 * The leaked-key flow: the admin creates a new key in the Console and pastes its value; the old key
 * is retired and the new one given to the same user in one step.
 */
export function ReplaceKeyDialog({ apiKey, workspace, onClose, onReplaced }: Props) {
  const { t } = useTranslation();
  const replace = useReplaceApiKey();
  const form = usePastedKeyForm();
  const {
    handleSubmit,
    formState: { isDirty },
  } = form;
  const holder = apiKey.assignedUser;
  return (
    <FormDialog
      open
      title={t('apiKeys.replace.title')}
      submitLabel={t('apiKeys.replace.submit')}
      pending={replace.isPending}
      dirty={isDirty}
      onSubmit={handleSubmit((v) => replace.mutate({ id: apiKey.id, value: v.value }, { onSuccess: onReplaced }))}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {t('apiKeys.replace.current')}
      </Typography>
      <Typography sx={{ fontFamily: 'monospace', fontSize: '0.85rem' }} gutterBottom>
        {formatKeyLabel(apiKey)}
      </Typography>
      <Box component="ol" sx={{ pl: 3, my: 1, '& li': { mb: 0.5 } }}>
        <li>{t('apiKeys.replace.stepCreate', { workspace })}</li>
        <li>{t('apiKeys.replace.stepPaste')}</li>
        <li>{holder ? t('apiKeys.replace.stepResultHeld', { user: `${holder.name} (${holder.email})` }) : t('apiKeys.replace.stepResultFree')}</li>
      </Box>
      <PastedKeyField label={t('apiKeys.replace.value')} form={form} />
      <RegisterError error={replace.error} />
    </FormDialog>
  );
}
