import { AuditPage } from '@/features/audit/components/audit-page';
import { useUsers } from '@/features/users/hooks/use-users';
import { useAuth } from '@/lib/auth-store';
import { useOrganizationOptions } from './use-organization-options';

export default function AuditRoute() {
  const { user } = useAuth();
  const organizations = useOrganizationOptions();
  const users = useUsers({});
  const actors = (users.data?.items ?? []).map((u) => ({ id: u.id, name: `${u.name} (${u.email})` }));
  return <AuditPage organizations={user?.role === 'SuperAdmin' ? organizations : []} actors={actors} />;
}
