import { PageHeader } from '@/components/page-header';
import { LegacyImportPanel } from '@/features/setup/components/legacy-import-panel';
import { useTranslation } from 'react-i18next';

/** The SuperAdmin's data migration page: the same import as the onboarding wizard's last step. */
export default function ImportRoute() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('setup.import.title')} />
      <LegacyImportPanel />
    </>
  );
}
