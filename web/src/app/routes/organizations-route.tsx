import { OrganizationsPage } from '@/features/organizations/components/organizations-page';
import { CreateWorkspaceDialog } from '@/features/workspaces/components/create-workspace-dialog';
import { useOrganizationOptions } from './use-organization-options';

export default function OrganizationsRoute() {
  const organizations = useOrganizationOptions();
  return (
    <OrganizationsPage
      organizationHref={(id) => `/organizations/${encodeURIComponent(id)}`}
      renderCreateWorkspace={(org, onClose) => <CreateWorkspaceDialog organizations={organizations} organizationId={org.id} onClose={onClose} />}
    />
  );
}
