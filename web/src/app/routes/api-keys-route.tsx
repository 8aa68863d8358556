import { ApiKeysPage } from '@/features/api-keys/components/api-keys-page';
import { SyncPanel } from '@/features/setup/components/sync-panel';
import { useAllWorkspaces } from '@/features/workspaces/hooks/use-workspaces';

export default function ApiKeysRoute() {
  const workspaces = useAllWorkspaces();
  const options = (workspaces.data ?? []).map((w) => ({ id: w.id, name: w.name }));
  // Admins sync too (the server allows SuperAdmin and Admin): keys appear without waiting for the timer.
  return <ApiKeysPage syncPanel={<SyncPanel />} workspaces={options} />;
}
