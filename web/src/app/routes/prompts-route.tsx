import { PromptsPage } from '@/features/prompts/components/prompts-page';
import { useAuth } from '@/lib/auth-store';
import { renderOrganizationPicker } from './organization-picker-slot';

export default function PromptsRoute() {
  const { user } = useAuth();
  // Only a SuperAdmin picks the owning organization; everyone else's prompts belong to their own.
  return <PromptsPage renderOrganizationPicker={user?.role === 'SuperAdmin' ? renderOrganizationPicker : undefined} />;
}
