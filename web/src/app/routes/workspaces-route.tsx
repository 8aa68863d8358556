import { WorkspacesPage } from '@/features/workspaces/components/workspaces-page';
import { renderOrganizationPicker } from './organization-picker-slot';

export default function WorkspacesRoute() {
  return <WorkspacesPage renderOrganizationPicker={renderOrganizationPicker} />;
}
