import { DashboardHeader } from '@/features/dashboard/components/dashboard-header';
import { OrganizationCards } from '@/features/organizations/components/organization-cards';
import { useAuth } from '@/lib/auth-store';

export default function DashboardRoute() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <>
      <DashboardHeader user={user} />
      <OrganizationCards />
    </>
  );
}
