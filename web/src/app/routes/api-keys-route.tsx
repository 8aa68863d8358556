import { ApiKeysPage } from '@/features/api-keys/components/api-keys-page';
import { SyncPanel } from '@/features/setup/components/sync-panel';
import { useAuth } from '@/lib/auth-store';

export default function ApiKeysRoute() {
  const { user } = useAuth();
  return <ApiKeysPage syncPanel={user?.role === 'SuperAdmin' ? <SyncPanel /> : undefined} />;
}
