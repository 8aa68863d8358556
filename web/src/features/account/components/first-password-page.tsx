import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { CenteredCard } from '@/components/centered-card';
import { ChangePasswordForm } from './profile-page';

/** A generated password (a new account, a reset) is replaced by the user's own before anything else. */
export function FirstPasswordPage({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <CenteredCard maxWidth={520}>
      <Typography variant="h5" component="h1" fontWeight={700} gutterBottom>
        {t('profile.firstPassword.title')}
      </Typography>
      <Alert severity="info" sx={{ mb: 2 }}>
        {t('profile.firstPassword.description')}
      </Alert>
      <ChangePasswordForm onChanged={onChanged} />
    </CenteredCard>
  );
}
