import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { EditIcon, KeyIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { isApiError } from '@/lib/api-client';
import { formatLongDate } from '@/lib/format';
import {
  registerApiKeyInputSchema,
  renameApiKeyInputSchema,
  type ApiKey,
  type RegisterApiKeyInput,
  type RenameApiKeyInput,
} from '../api/api-keys-api';
import { useApiKeys, useRegisterApiKey, useUpdateApiKey } from '../hooks/use-api-keys';

function RegisterSecretDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const register$ = useRegisterApiKey();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<RegisterApiKeyInput>({ resolver: zodResolver(registerApiKeyInputSchema), defaultValues: { value: '' } });
  const noMatch = isApiError(register$.error) && register$.error.code === 'no_matching_key';
  return (
    <FormDialog
      open
      title={t('apiKeys.register.title')}
      submitLabel={t('apiKeys.register.submit')}
      pending={register$.isPending}
      error={noMatch ? null : register$.error}
      onSubmit={handleSubmit((v) => register$.mutate(v, { onSuccess: onClose }))}
      onClose={onClose}
    >
      <Typography color="text.secondary">{t('apiKeys.register.description')}</Typography>
      <FormField label={t('apiKeys.register.value')} type="password" autoComplete="off" autoFocus fieldError={errors.value} {...register('value')} />
      {noMatch ? (
        <Typography color="error" role="alert">
          {t('errors.no_matching_key')}
        </Typography>
      ) : null}
    </FormDialog>
  );
}

function RenameKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateApiKey();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<RenameApiKeyInput>({ resolver: zodResolver(renameApiKeyInputSchema), defaultValues: { name: apiKey.name } });
  return (
    <FormDialog
      open
      title={t('apiKeys.rename')}
      submitLabel={t('common.save')}
      pending={update.isPending}
      error={update.error}
      onSubmit={handleSubmit((v) => update.mutate({ id: apiKey.id, name: v.name }, { onSuccess: onClose }))}
      onClose={onClose}
    >
      <FormField label={t('apiKeys.fields.name')} autoFocus fieldError={errors.name} {...register('name')} />
    </FormDialog>
  );
}

function StatusToggle({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const update = useUpdateApiKey();
  const togglable = apiKey.status === 'active' || apiKey.status === 'inactive';
  if (!togglable) return <Chip size="small" color="warning" label={t(`apiKeys.status.${apiKey.status}`, { defaultValue: apiKey.status })} />;
  return (
    <Stack direction="row" alignItems="center">
      <Switch
        checked={apiKey.status === 'active'}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ id: apiKey.id, status: e.target.checked ? 'active' : 'inactive' })}
        slotProps={{ input: { 'aria-label': t('apiKeys.toggleStatus', { name: apiKey.name }) } }}
      />
      <Typography variant="body2">{t(`apiKeys.status.${apiKey.status}`)}</Typography>
    </Stack>
  );
}

export function ApiKeysPage({ syncPanel }: { syncPanel?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const keys = useApiKeys({ q: q || undefined, status: status || undefined });
  const [registering, setRegistering] = useState(false);
  const [renaming, setRenaming] = useState<ApiKey | null>(null);
  const items = keys.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        actions={
          <Button variant="contained" startIcon={<KeyIcon />} onClick={() => setRegistering(true)}>
            {t('apiKeys.register.title')}
          </Button>
        }
      />
      {syncPanel ? <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>{syncPanel}</Paper> : null}
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField margin="none" size="small" label={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ maxWidth: 280 }} />
        <TextField margin="none" size="small" select label={t('apiKeys.fields.status')} value={status} onChange={(e) => setStatus(e.target.value)} sx={{ maxWidth: 200 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {['active', 'inactive', 'archived', 'deleted'].map((s) => (
            <MenuItem key={s} value={s}>
              {t(`apiKeys.status.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <QueryState isLoading={keys.isLoading} error={keys.error} isEmpty={items.length === 0} emptyText={t('apiKeys.empty')}>
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('apiKeys.fields.name')}</TableCell>
                <TableCell>{t('apiKeys.fields.id')}</TableCell>
                <TableCell>{t('apiKeys.fields.hint')}</TableCell>
                <TableCell>{t('apiKeys.fields.status')}</TableCell>
                <TableCell>{t('apiKeys.fields.secret')}</TableCell>
                <TableCell>{t('apiKeys.fields.assignedUser')}</TableCell>
                <TableCell>{t('common.createdAt')}</TableCell>
                <TableCell align="right">{t('common.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((k) => (
                <TableRow key={k.id} hover>
                  <TableCell>{k.name}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{k.id}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{k.hint}</TableCell>
                  <TableCell>
                    <StatusToggle apiKey={k} />
                  </TableCell>
                  <TableCell>{k.secretRegistered ? t('apiKeys.secretRegistered') : t('apiKeys.secretMissing')}</TableCell>
                  <TableCell>{k.assignedUser ? `${k.assignedUser.name} (${k.assignedUser.email})` : t('common.none')}</TableCell>
                  <TableCell>{formatLongDate(k.createdAt, i18n.language)}</TableCell>
                  <TableCell align="right">
                    <Tooltip title={t('apiKeys.rename')}>
                      <IconButton aria-label={t('apiKeys.rename')} onClick={() => setRenaming(k)}>
                        <EditIcon />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      {registering ? <RegisterSecretDialog onClose={() => setRegistering(false)} /> : null}
      {renaming ? <RenameKeyDialog apiKey={renaming} onClose={() => setRenaming(null)} /> : null}
    </>
  );
}
