import { WorkspacesPage } from '@/features/workspaces/components/workspaces-page';
import { useOrganizationOptions } from './use-organization-options';

export default function WorkspacesRoute() {
  return <WorkspacesPage organizations={useOrganizationOptions()} />;
}
