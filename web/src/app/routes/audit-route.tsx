import { AuditPage } from '@/features/audit/components/audit-page';
import { useAuth } from '@/lib/auth-store';
import { renderOrganizationPicker } from './organization-picker-slot';

export default function AuditRoute() {
  const { user } = useAuth();
  // An Admin reads their own organization's events only: no organization filter.
  return <AuditPage renderOrganizationPicker={user?.role === 'SuperAdmin' ? renderOrganizationPicker : undefined} />;
}
