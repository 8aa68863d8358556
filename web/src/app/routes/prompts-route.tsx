import { PromptsPage } from '@/features/prompts/components/prompts-page';
import { useAuth } from '@/lib/auth-store';
import { useOrganizationOptions } from './use-organization-options';

function SuperAdminPromptsPage() {
  return <PromptsPage organizations={useOrganizationOptions()} />;
}

export default function PromptsRoute() {
  const { user } = useAuth();
  // Only a SuperAdmin picks the owning organization; everyone else's prompts belong to their own.
  return user?.role === 'SuperAdmin' ? <SuperAdminPromptsPage /> : <PromptsPage />;
}
