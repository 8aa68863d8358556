import { OrganizationPicker } from '@/features/organizations/components/organization-picker';
import type { RenderOrganizationPicker } from '@/lib/option';

/** The organization feature's picker, as the other features' forms and filters take it. */
export const renderOrganizationPicker: RenderOrganizationPicker = (props) => <OrganizationPicker {...props} />;
