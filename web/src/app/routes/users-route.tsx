import { ApiKeyPicker } from '@/features/api-keys/components/api-key-picker';
import { UsersPage } from '@/features/users/components/users-page';
import { renderOrganizationPicker } from './organization-picker-slot';

export default function UsersRoute() {
  return <UsersPage renderOrganizationPicker={renderOrganizationPicker} renderKeyPicker={(props) => <ApiKeyPicker {...props} />} />;
}
