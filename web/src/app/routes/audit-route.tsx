import { AuditPage } from '@/features/audit/components/audit-page';
import { useAuth } from '@/lib/auth-store';
import { useOrganizationOptions } from './use-organization-options';

export default function AuditRoute() {
  const { user } = useAuth();
  const organizations = useOrganizationOptions();
  return <AuditPage organizations={user?.role === 'SuperAdmin' ? organizations : []} />;
}
