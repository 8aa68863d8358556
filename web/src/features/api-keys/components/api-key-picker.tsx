import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_DEBOUNCE_MS } from '@/components/server-table';
import { useDebounced } from '@/lib/use-debounced';
import { formatKeyLabel } from '../api/api-keys-api';
import { useAssignableApiKeys } from '../hooks/use-api-keys';

type KeyRef = { id: string; name: string; hint: string; label?: string };

export interface ApiKeyPickerProps {
  organizationId: string | null;
  value: string | null;
  /** The key the user holds now: it stays selectable although it is assigned. */
  current?: KeyRef | null;
  onChange: (id: string | null) => void;
}

/** 「割り当てない」, a key, or 「さらに読み込む」 (the next page of the server's answer). */
type Option = { kind: 'none' } | { kind: 'key'; key: KeyRef } | { kind: 'more' };

const NONE: Option = { kind: 'none' };
const MORE: Option = { kind: 'more' };
const MONO = { fontFamily: 'monospace', fontSize: '0.8rem', whiteSpace: 'normal', wordBreak: 'break-all' } as const;

/** A key known only by its id (chosen earlier, not on the pages loaded now) is named by its id. */
const keyLabel = (k: KeyRef) => (k.hint ? formatKeyLabel(k) : k.id);

/**
 * R-U1/R-K5: the organization's free registered keys, labelled `apikey_…: sk-ant-api03-rag...nwAA (name)`.
 * The server searches (`q`, typed into the field) and pages them; 「さらに読み込む」 at the end of the
 * list fetches the next page, so that every free key can be reached however many there are.
 */
export function ApiKeyPicker({ organizationId, value, current, onChange }: ApiKeyPickerProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim(), SEARCH_DEBOUNCE_MS);
  const keys = useAssignableApiKeys(organizationId, q);
  const [open, setOpen] = useState(false);
  // 「さらに読み込む」 is chosen like an option, but keeps the list open.
  const loadingMore = useRef(false);
  // The chosen key's entry, kept while the list shows another search or page.
  const [chosen, setChosen] = useState<KeyRef | null>(null);

  const loaded = keys.data?.pages.flatMap((p) => p.items) ?? [];
  const unknown = useMemo(() => (value ? { id: value, name: '', hint: '' } : null), [value]);
  const selected: KeyRef | null = !value
    ? null
    : chosen?.id === value
      ? chosen
      : current?.id === value
        ? current
        : (loaded.find((k) => k.id === value) ?? unknown);
  // Stable while the choice is: Autocomplete empties the search whenever its value changes identity.
  const selectedOption = useMemo((): Option | null => (selected ? { kind: 'key', key: selected } : null), [selected]);
  // The chosen key and the user's current key stay on top, whatever the search.
  const pinned: KeyRef[] = [];
  for (const k of [selected, current]) if (k && !pinned.some((p) => p.id === k.id)) pinned.push(k);
  const free = loaded.filter((k) => !pinned.some((p) => p.id === k.id));
  const options: Option[] = [
    NONE,
    ...pinned.map((key): Option => ({ kind: 'key', key })),
    ...free.map((key): Option => ({ kind: 'key', key })),
    ...(keys.hasNextPage ? [MORE] : []),
  ];
  const freeOfCurrent = loaded.filter((k) => k.id !== current?.id);
  const helper = keys.error
    ? t('apiKeys.pickerUnavailable')
    : !organizationId
      ? t('apiKeys.pickerNeedsOrganization')
      : keys.isSuccess && !keys.isPlaceholderData && freeOfCurrent.length === 0
        ? q
          ? t('apiKeys.pickerNoMatches')
          : t('apiKeys.pickerEmpty')
        : t('apiKeys.pickerHint');

  const label = (o: Option) => (o.kind === 'key' ? keyLabel(o.key) : o.kind === 'none' ? t('apiKeys.noKey') : t('apiKeys.pickerLoadMore'));
  return (
    <Autocomplete<Option>
      value={selectedOption}
      options={options}
      // The server has searched already.
      filterOptions={(o) => o}
      getOptionLabel={label}
      isOptionEqualToValue={(o, v) => o.kind === v.kind && (o.kind !== 'key' || (v.kind === 'key' && o.key.id === v.key.id))}
      getOptionKey={(o) => (o.kind === 'key' ? o.key.id : o.kind)}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => {
        if (loadingMore.current) loadingMore.current = false;
        else setOpen(false);
      }}
      inputValue={input}
      onInputChange={(_, text, reason) => {
        // Choosing an option is handled in onChange (「さらに読み込む」 keeps the search).
        if (reason !== 'selectOption') setInput(text);
      }}
      onChange={(_, option) => {
        if (option?.kind === 'more') {
          loadingMore.current = true;
          void keys.fetchNextPage();
          return;
        }
        setInput('');
        if (option?.kind === 'key') {
          setChosen(option.key);
          onChange(option.key.id);
        } else {
          onChange(null);
        }
      }}
      disabled={!organizationId}
      clearText={t('apiKeys.pickerClear')}
      openText={t('apiKeys.pickerOpen')}
      closeText={t('common.close')}
      // The whole `apikey_…: hint (name)` entry is shown, wrapped, in the field and in the list (R-K5).
      renderValue={(v) => (v.kind === 'key' ? <Box sx={{ ...MONO, py: 0.5, pl: 0.5, maxWidth: '100%' }}>{keyLabel(v.key)}</Box> : null)}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={o.kind === 'key' ? MONO : o.kind === 'more' ? { color: 'primary.main', fontWeight: 600 } : undefined}>
          {o.kind === 'more' && keys.isFetchingNextPage ? t('common.loading') : label(o)}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('users.fields.apiKeyOptional')}
          placeholder={selected ? undefined : t('apiKeys.searchPlaceholder')}
          helperText={helper}
        />
      )}
    />
  );
}
