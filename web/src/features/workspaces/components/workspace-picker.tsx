import { SearchPicker, type PickerFieldProps } from '@/components/search-picker';
import { getWorkspace, getWorkspaces, workspacesQueryKey } from '../api/workspaces-api';

/** Workspaces a page at a time, searched by the server (name or id), archived ones too. */
const PAGE_SIZE = 20;

/** The workspace field of other features' filters (the app passes it to them). */
export function WorkspacePicker(props: PickerFieldProps) {
  return (
    <SearchPicker
      {...props}
      queryKey={workspacesQueryKey}
      fetchPage={(q, cursor) => getWorkspaces({ q: q || undefined, cursor, limit: PAGE_SIZE, includeArchived: true })}
      fetchOne={getWorkspace}
    />
  );
}
