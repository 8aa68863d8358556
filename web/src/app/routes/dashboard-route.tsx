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
        // An organization card opens its people (the users list, filtered for a SuperAdmin).
        organizationHref={
          user.role === 'SuperAdmin' ? (id) => `/users?organizationId=${encodeURIComponent(id)}` : user.role === 'Admin' ? () => '/users' : undefined
        }
      />
    </>
  );
}
