import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '@/components/copy-button';
import { ErrorAlert } from '@/components/error-alert';
import { FormField } from '@/components/form-field';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { RoleBadge } from '@/components/role-badge';
import { useServerFieldError } from '@/lib/form-errors';
import { passwordLimits } from '@/lib/validation';
import { changePasswordInputSchema, type ChangePasswordInput, type Me } from '../api/account-api';
import { useChangeMyPassword, useMe, useRevealMyApiKey } from '../hooks/use-account';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // On a phone the value goes under its label, and a long address breaks rather than overflow.
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, py: 0.75, alignItems: 'center' }}>
      <Typography color="text.secondary" sx={{ minWidth: 140 }}>
        {label}
      </Typography>
      <Box component="span" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Box>
    </Box>
  );
}

function MyApiKey({ apiKey }: { apiKey: NonNullable<Me['apiKey']> }) {
  const { t } = useTranslation();
  const reveal = useRevealMyApiKey(apiKey.id);
  // The reveal names its own key: the page shows that key with the value, even when it is not the
  // one the page showed before (switched meanwhile; the caller's data is refetched then).
  const shown = reveal.data ?? apiKey;
  const value = reveal.data?.value;
  const revealed = useRef(reveal.data);
  revealed.current = reveal.data;
  const { reset } = reveal;
  useEffect(() => {
    // Switched again after the reveal: the value shown no longer belongs to the caller.
    if (revealed.current && revealed.current.id !== apiKey.id) reset();
  }, [apiKey.id, reset]);
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }} data-testid="my-api-key-label">
        {shown.id} ({shown.name}) — {t(`apiKeys.status.${shown.status}`, { defaultValue: shown.status })}
      </Typography>
      <Typography component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', display: 'block', my: 1 }} data-testid="my-api-key">
        {value ?? shown.hint}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('profile.apiKey.auditNotice')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {!value ? (
          <Button variant="outlined" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
            {t('profile.apiKey.reveal')}
          </Button>
        ) : (
          <>
            <CopyButton value={value} />
            <Button onClick={() => reveal.reset()}>{t('profile.apiKey.hide')}</Button>
          </>
        )}
      </Stack>
      <ErrorAlert error={reveal.error} />
    </Box>
  );
}

export function ChangePasswordForm({ onChanged }: { onChanged?: () => void } = {}) {
  const { t } = useTranslation();
  const change = useChangeMyPassword();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordInputSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const lengths = passwordLimits;
  const onField = useServerFieldError(change.error, setError, ['newPassword'] as const, { password: 'newPassword' });

  return (
    <form
      noValidate
      onSubmit={handleSubmit((values) =>
        change.mutate(values, {
          onSuccess: () => {
            reset();
            onChanged?.();
          },
        }),
      )}
    >
      <FormField
        label={t('profile.password.current')}
        type="password"
        autoComplete="current-password"
        fieldError={errors.currentPassword}
        {...register('currentPassword')}
      />
      <FormField
        label={t('profile.password.new')}
        type="password"
        autoComplete="new-password"
        fieldError={errors.newPassword}
        errorValues={lengths}
        helperText={t('validation.passwordLength', lengths)}
        {...register('newPassword')}
      />
      <FormField
        label={t('profile.password.confirm')}
        type="password"
        autoComplete="new-password"
        fieldError={errors.confirmPassword}
        {...register('confirmPassword')}
      />
      {change.isSuccess ? <Alert severity="success">{t('profile.password.changed')}</Alert> : null}
      <ErrorAlert error={onField ? null : change.error} />
      <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={change.isPending}>
        {t('profile.password.submit')}
      </Button>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <QueryState isLoading={me.isLoading} error={me.error}>
        {me.data ? (
          <Stack spacing={2}>
            <Card>
              <CardContent>
                <Typography variant="h6" component="h2" gutterBottom>
                  {t('profile.account')}
                </Typography>
                <Field label={t('users.fields.name')}>{me.data.name}</Field>
                <Field label={t('users.fields.email')}>{me.data.email}</Field>
                <Field label={t('users.fields.role')}>
                  <RoleBadge role={me.data.role} />
                </Field>
                <Field label={t('users.fields.organization')}>{me.data.organization?.name ?? t('common.none')}</Field>
              </CardContent>
            </Card>
            <Card>
              <CardContent>
                <Typography variant="h6" component="h2" gutterBottom>
                  {t('profile.apiKey.title')}
                </Typography>
                {me.data.apiKey ? <MyApiKey apiKey={me.data.apiKey} /> : <Typography>{t('profile.apiKey.none')}</Typography>}
              </CardContent>
            </Card>
            <Card>
              <CardContent>
                <Typography variant="h6" component="h2" gutterBottom>
                  {t('profile.password.title')}
                </Typography>
                <ChangePasswordForm />
              </CardContent>
            </Card>
          </Stack>
        ) : null}
      </QueryState>
    </>
  );
}
