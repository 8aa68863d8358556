import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/error-alert';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { isApiError, type ApiError } from '@/lib/api-client';
import { formatKeyLabel, registerApiKeyInputSchema, type AmbiguousKeyDetails, type ApiKey, type RegisterApiKeyInput } from '../api/api-keys-api';
import { useRegisterApiKey } from '../hooks/use-api-keys';

/** The replace flow's own refusals (POST /api-keys/{id}/replace): a title and what to do. */
function replaceRefusal(t: TFunction, error: ApiError): [string, string] | null {
  switch (error.code) {
    case 'replacement_is_same_key':
      return [t('apiKeys.replace.sameKey.title'), t('apiKeys.replace.sameKey.body')];
    case 'api_key_wrong_organization':
      return [t('apiKeys.replace.wrongOrganization.title'), t('apiKeys.replace.wrongOrganization.body')];
    case 'api_key_taken':
      // The server's message names the user who holds the new key.
      return [t('apiKeys.replace.taken.title'), t('apiKeys.replace.taken.body', { serverMessage: error.message })];
    default:
      return null;
  }
}

/** The failures the admin can act on, each explained with what to do next (register and replace alike). */
export function RegisterError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const refusal = isApiError(error) ? replaceRefusal(t, error) : null;
  if (isApiError(error) && refusal) {
    return (
      <Alert severity="error" role="alert" sx={{ my: 1 }} data-testid={`register-${error.code}`}>
        <AlertTitle>{refusal[0]}</AlertTitle>
        {refusal[1]}
      </Alert>
    );
  }
  if (isApiError(error) && error.code === 'no_matching_key') {
    return (
      <Alert severity="error" role="alert" sx={{ my: 1 }} data-testid="register-no-match">
        <AlertTitle>{t('apiKeys.register.noMatch.title')}</AlertTitle>
        {t('apiKeys.register.noMatch.body')}
      </Alert>
    );
  }
  if (isApiError(error) && (error.code === 'ambiguous_key' || error.status === 409)) {
    const candidates = (error.details as AmbiguousKeyDetails | undefined)?.candidates ?? [];
    return (
      <Alert severity="error" role="alert" sx={{ my: 1 }}>
        <AlertTitle>{t('apiKeys.register.ambiguous.title')}</AlertTitle>
        {t('apiKeys.register.ambiguous.body')}
        {candidates.length ? (
          <Box component="ul" sx={{ mb: 0, pl: 2, fontFamily: 'monospace', fontSize: '0.8rem' }}>
            {candidates.map((c) => (
              <li key={c.id}>{formatKeyLabel(c)}</li>
            ))}
          </Box>
        ) : null}
      </Alert>
    );
  }
  if (isApiError(error) && error.code === 'key_rejected') {
    return (
      <Alert severity="error" role="alert" sx={{ my: 1 }}>
        <AlertTitle>{t('apiKeys.register.rejected.title')}</AlertTitle>
        {t('apiKeys.register.rejected.body')}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

/** The form of a pasted key value: its registration, and the leaked-key replacement. */
export function usePastedKeyForm(): UseFormReturn<RegisterApiKeyInput> {
  return useForm<RegisterApiKeyInput>({ resolver: zodResolver(registerApiKeyInputSchema), defaultValues: { value: '' } });
}

/** The pasted value: hidden as it is typed, never autocompleted. */
export function PastedKeyField({ label, form }: { label: string; form: UseFormReturn<RegisterApiKeyInput> }) {
  const { t } = useTranslation();
  return (
    <FormField
      label={label}
      type="password"
      autoComplete="off"
      autoFocus
      fieldError={form.formState.errors.value}
      helperText={t('apiKeys.register.valueHint')}
      {...form.register('value')}
    />
  );
}

/** R-K2: only the pasted value is asked; the portal finds the Anthropic key it belongs to. */
export function RegisterSecretDialog({ onClose, onRegistered }: { onClose: () => void; onRegistered: (key: ApiKey) => void }) {
  const { t } = useTranslation();
  const registerKey = useRegisterApiKey();
  const form = usePastedKeyForm();
  const {
    handleSubmit,
    formState: { isDirty },
  } = form;
  return (
    <FormDialog
      open
      title={t('apiKeys.register.title')}
      submitLabel={t('apiKeys.register.submit')}
      pending={registerKey.isPending}
      dirty={isDirty}
      onSubmit={handleSubmit((v) => registerKey.mutate(v, { onSuccess: onRegistered }))}
      onClose={onClose}
    >
      <Typography color="text.secondary">{t('apiKeys.register.description')}</Typography>
      <PastedKeyField label={t('apiKeys.register.value')} form={form} />
      <RegisterError error={registerKey.error} />
    </FormDialog>
  );
}
