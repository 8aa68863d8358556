import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CenteredCard } from '@/components/centered-card';
import { ErrorAlert } from '@/components/error-alert';
import { FormField } from '@/components/form-field';
import { isNotImplemented } from '@/lib/errors';
import { passwordLimits } from '@/lib/validation';
import { createSetupInputSchema, saveAnthropicSettingsInputSchema, type CreateSetupInput, type SaveAnthropicSettingsInput } from '../api/setup-api';
import { useCreateSetup, useSaveAnthropicSettings } from '../hooks/use-setup';
import { LegacyImportPanel } from './legacy-import-panel';
import { SyncPanel } from './sync-panel';

export function CreateSuperAdminStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateSetup();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<CreateSetupInput>({
    resolver: zodResolver(createSetupInputSchema),
    defaultValues: { name: '', email: '', password: '', confirmPassword: '' },
  });
  return (
    <form noValidate onSubmit={handleSubmit((values) => create.mutate(values, { onSuccess: onDone }))}>
      <Typography color="text.secondary">{t('setup.admin.description')}</Typography>
      <FormField label={t('users.fields.name')} autoComplete="name" fieldError={errors.name} {...register('name')} />
      <FormField label={t('users.fields.email')} type="email" autoComplete="username" fieldError={errors.email} {...register('email')} />
      <FormField
        label={t('users.fields.password')}
        type="password"
        autoComplete="new-password"
        fieldError={errors.password}
        errorValues={passwordLimits}
        helperText={t('validation.passwordLength', passwordLimits)}
        {...register('password')}
      />
      <FormField
        label={t('setup.admin.confirmPassword')}
        type="password"
        autoComplete="new-password"
        fieldError={errors.confirmPassword}
        {...register('confirmPassword')}
      />
      <ErrorAlert error={create.error} />
      <Button type="submit" variant="contained" size="large" sx={{ mt: 2 }} disabled={create.isPending}>
        {t('setup.admin.submit')}
      </Button>
    </form>
  );
}

function AnthropicKeyStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveAnthropicSettings();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<SaveAnthropicSettingsInput>({
    resolver: zodResolver(saveAnthropicSettingsInputSchema),
    defaultValues: { adminKey: '', baseUrl: '' },
  });
  const notAvailable = isNotImplemented(save.error);
  return (
    <form noValidate onSubmit={handleSubmit((values) => save.mutate(values, { onSuccess: onDone }))}>
      <Typography color="text.secondary">{t('setup.anthropic.description')}</Typography>
      <FormField
        label={t('setup.anthropic.adminKey')}
        type="password"
        autoComplete="off"
        placeholder="sk-ant-admin01-…"
        fieldError={errors.adminKey}
        {...register('adminKey')}
      />
      <FormField label={t('setup.anthropic.baseUrl')} placeholder="https://api.anthropic.com" fieldError={errors.baseUrl} {...register('baseUrl')} />
      {notAvailable ? <Alert severity="info">{t('setup.anthropic.notAvailable')}</Alert> : <ErrorAlert error={save.error} />}
      <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
        <Button type="submit" variant="contained" disabled={save.isPending}>
          {t('setup.anthropic.submit')}
        </Button>
        <Button onClick={onDone}>{notAvailable ? t('setup.continue') : t('setup.skip')}</Button>
      </Box>
    </form>
  );
}

interface Props {
  /** Where the wizard starts: 0 for a fresh installation, 1 when the SuperAdmin already exists. */
  initialStep?: number;
  onFinish: () => void;
}

export function OnboardingWizard({ initialStep = 0, onFinish }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState(initialStep);
  const steps = [t('setup.steps.admin'), t('setup.steps.anthropic'), t('setup.steps.sync'), t('setup.steps.import')];
  return (
    <CenteredCard maxWidth={640}>
      <Typography variant="h5" component="h1" fontWeight={700} gutterBottom>
        {t('setup.title')}
      </Typography>
      <Stepper activeStep={step} sx={{ my: 3 }} alternativeLabel>
        {steps.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Typography variant="h6" component="h2">
        {steps[step]}
      </Typography>
      {step === 0 ? <CreateSuperAdminStep onDone={() => setStep(1)} /> : null}
      {step === 1 ? <AnthropicKeyStep onDone={() => setStep(2)} /> : null}
      {step === 2 ? (
        <>
          <Typography color="text.secondary">{t('setup.sync.description')}</Typography>
          <SyncPanel autoStart />
          <Box sx={{ mt: 3 }}>
            <Button variant="contained" onClick={() => setStep(3)}>
              {t('setup.next')}
            </Button>
          </Box>
        </>
      ) : null}
      {step === 3 ? (
        <>
          <LegacyImportPanel />
          <Box sx={{ mt: 3 }}>
            <Button variant="contained" onClick={onFinish}>
              {t('setup.toDashboard')}
            </Button>
          </Box>
        </>
      ) : null}
    </CenteredCard>
  );
}
