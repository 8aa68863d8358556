import { SearchPicker, type PickerFieldProps } from '@/components/search-picker';
import { getOrganization, getOrganizations, organizationsQueryKey } from '../api/organizations-api';

/** Organizations a page at a time, searched by the server (name or id). */
const PAGE_SIZE = 20;

/** The organization field of every form and filter (the app passes it to the other features). */
export function OrganizationPicker(props: PickerFieldProps) {
  return (
    <SearchPicker
      {...props}
      queryKey={organizationsQueryKey}
      fetchPage={(q, cursor) => getOrganizations({ q: q || undefined, cursor, limit: PAGE_SIZE })}
      fetchOne={getOrganization}
    />
  );
}
