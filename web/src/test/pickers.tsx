import { SearchPicker, type PickerItem } from '@/components/search-picker';
import type { RenderPicker } from '@/lib/option';

/**
 * The app's pickers as a feature's test needs them: the real search picker over a fixed list
 * (features do not import each other, so a test cannot take the organization feature's own).
 */
export function fixedPicker(items: PickerItem[]): RenderPicker {
  const fetchPage = async (q: string) => {
    const found = items.filter((i) => i.name.includes(q) || i.id.includes(q));
    return { items: found, nextCursor: null, total: found.length, totalExact: true };
  };
  const fetchOne = async (id: string) => items.find((i) => i.id === id) ?? Promise.reject(new Error(`${id} not found`));
  return (props) => <SearchPicker {...props} queryKey={['fixed-picker', items]} fetchPage={fetchPage} fetchOne={fetchOne} />;
}
