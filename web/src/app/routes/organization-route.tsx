import { useParams } from 'react-router-dom';
import { OrganizationPage } from '@/features/organizations/components/organization-page';

export default function OrganizationRoute() {
  const { id = '' } = useParams();
  return <OrganizationPage key={id} organizationId={id} listHref="/organizations" workspacesHref="/workspaces" />;
}
