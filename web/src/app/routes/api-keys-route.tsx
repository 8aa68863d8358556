import { ApiKeysPage } from '@/features/api-keys/components/api-keys-page';
import { SyncPanel } from '@/features/setup/components/sync-panel';
import { WorkspacePicker } from '@/features/workspaces/components/workspace-picker';

export default function ApiKeysRoute() {
  // Admins sync too (the server allows SuperAdmin and Admin): keys appear without waiting for the timer.
  return <ApiKeysPage syncPanel={<SyncPanel />} renderWorkspacePicker={(props) => <WorkspacePicker {...props} />} />;
}
