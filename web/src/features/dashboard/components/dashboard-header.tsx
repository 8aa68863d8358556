import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '@/components/role-badge';
import type { SessionUser } from '@/lib/auth-store';
import { formatLongDate, hasHonorific } from '@/lib/format';

/** R-D2: date, greeting without a doubled honorific, email and role. */
export function DashboardHeader({ user, now = new Date() }: { user: SessionUser; now?: Date }) {
  const { t, i18n } = useTranslation();
  const name = user.name.trim();
  const greeting = hasHonorific(name) ? t('dashboard.greetingPlain', { name }) : t('dashboard.greeting', { name });
  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography color="text.secondary" data-testid="dashboard-date">
        {formatLongDate(now, i18n.language)}
      </Typography>
      <Typography variant="h4" component="h1" fontWeight={700} sx={{ my: 1 }}>
        {greeting}
      </Typography>
      <Box sx={{ display: 'flex', gap: 3, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography>
          <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>
            {t('users.fields.email')}
          </Box>
          {user.email}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography component="span" color="text.secondary">
            {t('users.fields.role')}
          </Typography>
          <RoleBadge role={user.role} size="medium" />
        </Box>
        {user.organization ? (
          <Typography>
            <Box component="span" sx={{ color: 'text.secondary', mr: 1 }}>
              {t('users.fields.organization')}
            </Box>
            {user.organization.name}
          </Typography>
        ) : null}
      </Box>
    </Paper>
  );
}
