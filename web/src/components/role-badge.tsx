import Chip from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';
import type { Role } from '@/lib/auth-store';

const colors: Record<Role, 'error' | 'primary' | 'default'> = {
  SuperAdmin: 'error',
  Admin: 'primary',
  User: 'default',
};

export function RoleBadge({ role, size = 'small' }: { role: Role; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  return <Chip label={t(`roles.${role}`)} color={colors[role]} size={size} data-testid="role-badge" />;
}
