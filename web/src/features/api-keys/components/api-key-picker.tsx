import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { formatKeyLabel, type ApiKey } from '../api/api-keys-api';
import { useApiKeys } from '../hooks/use-api-keys';

export interface ApiKeyPickerProps {
  organizationId: string | null;
  value: string | null;
  /** The key the user holds now: it stays selectable although it is assigned. */
  current?: { id: string; name: string; hint: string } | null;
  onChange: (id: string | null) => void;
}

/** A key can be handed out when it is free, active, still in Anthropic and its value is registered. */
export function isAssignable(k: ApiKey): boolean {
  return !k.assignedUser && k.secretRegistered && k.status === 'active' && !k.vanished;
}

/** R-U1/R-K5: the organization's free registered keys, labelled `apikey_…: sk-ant-api03-rag...nwAA (name)`. */
export function ApiKeyPicker({ organizationId, value, current, onChange }: ApiKeyPickerProps) {
  const { t } = useTranslation();
  const keys = useApiKeys({ organizationId: organizationId ?? undefined, assigned: false, status: 'active', limit: 500 }, Boolean(organizationId));
  const free = (keys.data?.items ?? []).filter((k) => isAssignable(k) && k.id !== current?.id);
  const options = [...(current ? [current] : []), ...free];
  const helper = keys.error
    ? t('apiKeys.pickerUnavailable')
    : !organizationId
      ? t('apiKeys.pickerNeedsOrganization')
      : keys.isSuccess && free.length === 0
        ? t('apiKeys.pickerEmpty')
        : t('apiKeys.pickerHint');
  return (
    <TextField
      select
      label={t('users.fields.apiKeyOptional')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      disabled={!organizationId}
      helperText={helper}
      // The whole `apikey_…: hint (name)` entry is shown, wrapped, in the field and in the list (R-K5).
      sx={{ '& .MuiSelect-select': { whiteSpace: 'normal', wordBreak: 'break-all' } }}
      slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxWidth: 'min(640px, 95vw)' } } } } } }}
    >
      <MenuItem value="">{t('apiKeys.noKey')}</MenuItem>
      {options.map((k) => (
        <MenuItem key={k.id} value={k.id} sx={{ fontFamily: 'monospace', fontSize: '0.8rem', whiteSpace: 'normal', wordBreak: 'break-all' }}>
          {formatKeyLabel(k)}
        </MenuItem>
      ))}
    </TextField>
  );
}
