import { OrganizationsPage } from '@/features/organizations/components/organizations-page';
import { CreateWorkspaceDialog } from '@/features/workspaces/components/create-workspace-dialog';
import { renderOrganizationPicker } from './organization-picker-slot';

export default function OrganizationsRoute() {
  return (
    <OrganizationsPage
      organizationHref={(id) => `/organizations/${encodeURIComponent(id)}`}
      renderCreateWorkspace={(org, onClose) => (
        <CreateWorkspaceDialog renderOrganizationPicker={renderOrganizationPicker} organization={{ id: org.id, name: org.name }} onClose={onClose} />
      )}
    />
  );
}
