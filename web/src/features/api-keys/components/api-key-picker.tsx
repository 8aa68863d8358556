import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { formatKeyLabel } from '../api/api-keys-api';
import { useApiKeys } from '../hooks/use-api-keys';

export interface ApiKeyPickerProps {
  organizationId: string | null;
  value: string | null;
  /** The key the user holds now: it stays selectable although it is assigned. */
  current?: { id: string; name: string; hint: string } | null;
  onChange: (id: string | null) => void;
}

/** R-U1/R-K5: the organization's free keys, labelled by Anthropic id, masked hint and name. */
export function ApiKeyPicker({ organizationId, value, current, onChange }: ApiKeyPickerProps) {
  const { t } = useTranslation();
  const keys = useApiKeys({ organizationId: organizationId ?? undefined, assigned: false, status: 'active' }, Boolean(organizationId));
  const options = [...(current ? [current] : []), ...(keys.data?.items ?? []).filter((k) => k.id !== current?.id)];
  return (
    <TextField
      select
      label={t('users.fields.apiKey')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      disabled={!organizationId}
      helperText={keys.error ? t('apiKeys.pickerUnavailable') : undefined}
    >
      <MenuItem value="">{t('common.none')}</MenuItem>
      {options.map((k) => (
        <MenuItem key={k.id} value={k.id} sx={{ fontFamily: 'monospace', fontSize: '0.85rem' }}>
          {formatKeyLabel(k)}
        </MenuItem>
      ))}
    </TextField>
  );
}
