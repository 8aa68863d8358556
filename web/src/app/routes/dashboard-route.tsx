import { DashboardHeader } from '@/features/dashboard/components/dashboard-header';
import { DashboardOverview } from '@/features/dashboard/components/dashboard-overview';
import { useAuth } from '@/lib/auth-store';

export default function DashboardRoute() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <>
      <DashboardHeader user={user} />
      <DashboardOverview
        showSync={user.role !== 'User'}
        // A User's report holds only their own usage: not an organization's cost.
        showCost={user.role !== 'User'}
        // An organization card opens that organization's page (admins; a User has none).
        organizationHref={user.role === 'User' ? undefined : (id) => `/organizations/${encodeURIComponent(id)}`}
      />
    </>
  );
}
