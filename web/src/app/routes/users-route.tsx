import { ApiKeyPicker } from '@/features/api-keys/components/api-key-picker';
import { UsersPage } from '@/features/users/components/users-page';
import { useOrganizationOptions } from './use-organization-options';

export default function UsersRoute() {
  return <UsersPage organizations={useOrganizationOptions()} renderKeyPicker={(props) => <ApiKeyPicker {...props} />} />;
}
