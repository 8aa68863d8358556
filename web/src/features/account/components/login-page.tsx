import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CenteredCard } from '@/components/centered-card';
import { FormField } from '@/components/form-field';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { loginInputSchema, type LoginInput } from '../api/account-api';
import { useLogin } from '../hooks/use-account';

export function LoginPage() {
  const { t } = useTranslation();
  const loginMutation = useLogin();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginInput>({ resolver: zodResolver(loginInputSchema), defaultValues: { email: '', password: '' } });

  const error = loginMutation.error;
  let message: string | null = null;
  if (error) {
    if (isApiError(error) && error.status === 401) message = t('auth.login.invalidCredentials');
    else if (isApiError(error) && error.status === 429) {
      message = errorMessage(t, error);
      if (error.retryAfter !== null) message += ` ${t('auth.login.retryAfter', { seconds: error.retryAfter })}`;
    } else message = errorMessage(t, error);
  }

  return (
    <CenteredCard>
      <Typography variant="h5" component="h1" fontWeight={700} gutterBottom>
        {t('app.name')}
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {t('auth.login.title')}
      </Typography>
      <form noValidate onSubmit={handleSubmit((values) => loginMutation.mutate(values))}>
        <FormField label={t('auth.fields.email')} type="email" autoComplete="username" autoFocus fieldError={errors.email} {...register('email')} />
        <FormField label={t('auth.fields.password')} type="password" autoComplete="current-password" fieldError={errors.password} {...register('password')} />
        {message ? (
          <Alert severity="error" role="alert" sx={{ mt: 1 }}>
            {message}
          </Alert>
        ) : null}
        <Button type="submit" variant="contained" fullWidth size="large" sx={{ mt: 2 }} disabled={loginMutation.isPending}>
          {t('auth.login.submit')}
        </Button>
      </form>
    </CenteredCard>
  );
}
