import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useInfiniteQuery, useQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListResponse } from '@/lib/types';
import { useDebounced } from '@/lib/use-debounced';
import { SEARCH_DEBOUNCE_MS } from './server-table';

/** What a picker offers: an id and the name it is shown by. */
export interface PickerItem {
  id: string;
  name: string;
}

/** How the app's pickers of one kind (organizations, workspaces) look for a feature that uses them. */
export interface PickerFieldProps {
  label: string;
  /** The chosen id; null (or '') is the empty choice. */
  value: string | null;
  /** The chosen item's name, when the caller knows it (spares a lookup). */
  valueName?: string | null;
  onChange: (item: PickerItem | null) => void;
  /** The empty choice's label (「すべて」 for a filter, 「未割り当て」 for a link); without it one must be chosen. */
  emptyLabel?: string;
  size?: 'small' | 'medium';
  width?: number | string;
  disabled?: boolean;
  error?: boolean;
  helperText?: ReactNode;
}

interface Props extends PickerFieldProps {
  /** Cached per search text under this key. */
  queryKey: QueryKey;
  /** One page of the items matching `q` (the server searches and pages). */
  fetchPage: (q: string, cursor: string | undefined) => Promise<ListResponse<PickerItem>>;
  /** The chosen item, when it is on no page loaded and its name is not known. */
  fetchOne: (id: string) => Promise<PickerItem>;
}

type Option = { kind: 'none' } | { kind: 'item'; item: PickerItem } | { kind: 'more' };

const NONE: Option = { kind: 'none' };
const MORE: Option = { kind: 'more' };

/**
 * A choice among items the server searches and pages (never a fetch of every item): typing
 * searches, 「さらに読み込む」 at the end of the list fetches the next page. Nothing is fetched until
 * the list is opened, so a table may show one in every row.
 */
export function SearchPicker({
  label,
  value,
  valueName,
  onChange,
  emptyLabel,
  size,
  width,
  disabled,
  error,
  helperText,
  queryKey,
  fetchPage,
  fetchOne,
}: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // What is typed; null while the field shows the choice.
  const [typed, setTyped] = useState<string | null>(null);
  const q = useDebounced((typed ?? '').trim(), SEARCH_DEBOUNCE_MS);
  const loadingMore = useRef(false);
  const [chosen, setChosen] = useState<PickerItem | null>(null);

  const pages = useInfiniteQuery({
    queryKey: [...queryKey, 'picker', q],
    queryFn: ({ pageParam }) => fetchPage(q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: open,
  });
  const loaded = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const id = value || null;
  const known = id ? (chosen?.id === id ? chosen : valueName ? { id, name: valueName } : loaded.find((i) => i.id === id)) : undefined;
  const lookup = useQuery({ queryKey: [...queryKey, 'picker-one', id], queryFn: () => fetchOne(id ?? ''), enabled: Boolean(id) && !known });
  const selected: PickerItem | null = id ? (known ?? lookup.data ?? { id, name: id }) : null;
  // Stable while the choice is: Autocomplete resets its text whenever its value changes identity.
  const selectedOption = useMemo(
    (): Option | null => (selected ? { kind: 'item', item: selected } : emptyLabel !== undefined ? NONE : null),
    [selected?.id, selected?.name, emptyLabel], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const options: Option[] = [
    ...(emptyLabel !== undefined ? [NONE] : []),
    ...loaded.map((item): Option => ({ kind: 'item', item })),
    ...(pages.hasNextPage ? [MORE] : []),
  ];
  const text = (o: Option) => (o.kind === 'item' ? o.item.name : o.kind === 'none' ? (emptyLabel ?? '') : t('common.loadMore'));
  return (
    <Autocomplete<Option, false, boolean>
      value={selectedOption}
      options={options}
      // The server has searched already.
      filterOptions={(o) => o}
      getOptionLabel={text}
      isOptionEqualToValue={(o, v) => o.kind === v.kind && (o.kind !== 'item' || (v.kind === 'item' && o.item.id === v.item.id))}
      getOptionKey={(o) => (o.kind === 'item' ? `item:${o.item.id}` : o.kind)}
      disableClearable={emptyLabel === undefined || !id}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => {
        if (loadingMore.current) {
          loadingMore.current = false;
          return;
        }
        setOpen(false);
        setTyped(null);
      }}
      loading={pages.isFetching && !pages.isFetchingNextPage}
      loadingText={t('common.loading')}
      noOptionsText={pages.isError ? t('common.pickerUnavailable') : t('common.pickerNoMatches')}
      inputValue={typed ?? (selectedOption ? text(selectedOption) : '')}
      onInputChange={(_, next, reason) => {
        if (reason === 'input') setTyped(next);
      }}
      onChange={(_, option) => {
        if (option?.kind === 'more') {
          loadingMore.current = true;
          void pages.fetchNextPage();
          return;
        }
        setTyped(null);
        if (option?.kind === 'item') {
          setChosen(option.item);
          if (option.item.id !== id) onChange(option.item);
        } else if (id) {
          onChange(null);
        }
      }}
      disabled={disabled}
      size={size}
      sx={{ width: width ?? '100%' }}
      clearText={t('common.pickerClear')}
      openText={t('common.pickerOpen')}
      closeText={t('common.close')}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={o.kind === 'more' ? { color: 'primary.main', fontWeight: 600 } : undefined}>
          {o.kind === 'more' && pages.isFetchingNextPage ? t('common.loading') : text(o)}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          placeholder={t('common.pickerSearch')}
          margin={size === 'small' ? 'none' : undefined}
        />
      )}
    />
  );
}
