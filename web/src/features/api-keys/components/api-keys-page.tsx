import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
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
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { EditIcon, KeyIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { formatLongDate } from '@/lib/format';
import type { OrganizationOption } from '@/lib/option';
import { formatKeyLabel, renameApiKeyInputSchema, type ApiKey, type RenameApiKeyInput } from '../api/api-keys-api';
import { useApiKeys, useUpdateApiKey } from '../hooks/use-api-keys';
import { RegisterSecretDialog } from './register-secret-dialog';

const STATUS_COLORS: Record<string, 'success' | 'default' | 'warning' | 'error'> = {
  active: 'success',
  inactive: 'default',
  archived: 'warning',
  deleted: 'error',
  vanished: 'error',
};

function keyStatus(k: ApiKey): string {
  return k.vanished ? 'vanished' : k.status;
}

export function KeyStatusChip({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const s = keyStatus(apiKey);
  return <Chip size="small" color={STATUS_COLORS[s] ?? 'default'} label={t(`apiKeys.status.${s}`, { defaultValue: s })} />;
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
      <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {formatKeyLabel(apiKey)}
      </Typography>
      <FormField label={t('apiKeys.fields.name')} autoFocus fieldError={errors.name} {...register('name')} />
    </FormDialog>
  );
}

/** Activate at once; deactivating breaks the holder's tools, so it is confirmed. */
function StatusDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateApiKey();
  const activate = apiKey.status !== 'active';
  return (
    <ConfirmDialog
      open
      danger={!activate}
      title={t(activate ? 'apiKeys.activate.title' : 'apiKeys.deactivate.title', { name: apiKey.name })}
      confirmLabel={t(activate ? 'apiKeys.activate.action' : 'apiKeys.deactivate.action')}
      pending={update.isPending}
      error={update.error}
      onClose={onClose}
      onConfirm={() => update.mutate({ id: apiKey.id, status: activate ? 'active' : 'inactive' }, { onSuccess: onClose })}
    >
      <Typography sx={{ fontFamily: 'monospace', fontSize: '0.85rem' }} gutterBottom>
        {formatKeyLabel(apiKey)}
      </Typography>
      <Typography>
        {activate
          ? t('apiKeys.activate.consequences')
          : apiKey.assignedUser
            ? t('apiKeys.deactivate.consequencesHeld', { user: `${apiKey.assignedUser.name} (${apiKey.assignedUser.email})` })
            : t('apiKeys.deactivate.consequences')}
      </Typography>
    </ConfirmDialog>
  );
}

interface Props {
  syncPanel?: ReactNode;
  /** Workspace names for the workspace column (the app passes them in). */
  workspaces?: OrganizationOption[];
}

export function ApiKeysPage({ syncPanel, workspaces = [] }: Props) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [workspaceId, setWorkspaceId] = useState('');
  const keys = useApiKeys({ q: q || undefined, status: status || undefined, workspaceId: workspaceId || undefined });
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<ApiKey | null>(null);
  const [renaming, setRenaming] = useState<ApiKey | null>(null);
  const [toggling, setToggling] = useState<ApiKey | null>(null);
  const items = keys.data?.items ?? [];
  const workspaceName = (id: string | null) => (id ? (workspaces.find((w) => w.id === id)?.name ?? id) : t('apiKeys.defaultWorkspace'));
  const filtered = Boolean(q || status || workspaceId);

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
      {syncPanel ? (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-label={t('sync.title')}>
          {syncPanel}
        </Paper>
      ) : null}
      {registered ? (
        <Alert severity="success" onClose={() => setRegistered(null)} sx={{ mb: 2 }} data-testid="register-success">
          {t('apiKeys.register.done', { key: formatKeyLabel(registered) })}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={2} sx={{ mb: 2 }} flexWrap="wrap" useFlexGap>
        <TextField margin="none" size="small" label={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ width: 240 }} />
        <TextField margin="none" size="small" select label={t('apiKeys.fields.status')} value={status} onChange={(e) => setStatus(e.target.value)} sx={{ width: 180 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {['active', 'inactive', 'archived', 'deleted'].map((s) => (
            <MenuItem key={s} value={s}>
              {t(`apiKeys.status.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        {workspaces.length ? (
          <TextField margin="none" size="small" select label={t('apiKeys.fields.workspace')} value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)} sx={{ width: 220 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {workspaces.map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.name}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
      </Stack>
      <QueryState
        isLoading={keys.isLoading}
        error={keys.error}
        isEmpty={items.length === 0}
        emptyText={filtered ? t('common.noMatches') : t('apiKeys.empty')}
      >
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('apiKeys.fields.name')}</TableCell>
                <TableCell>{t('apiKeys.fields.id')}</TableCell>
                <TableCell>{t('apiKeys.fields.hint')}</TableCell>
                <TableCell>{t('apiKeys.fields.status')}</TableCell>
                <TableCell>{t('apiKeys.fields.workspace')}</TableCell>
                <TableCell>{t('apiKeys.fields.assignedUser')}</TableCell>
                <TableCell>{t('apiKeys.fields.secret')}</TableCell>
                <TableCell>{t('common.createdAt')}</TableCell>
                <TableCell align="right">{t('common.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((k) => {
                const togglable = !k.vanished && (k.status === 'active' || k.status === 'inactive');
                return (
                  <TableRow key={k.id} hover data-testid={`api-key-row-${k.id}`}>
                    <TableCell>{k.name}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>{k.id}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.8rem', whiteSpace: 'nowrap' }}>{k.hint}</TableCell>
                    <TableCell>
                      <KeyStatusChip apiKey={k} />
                    </TableCell>
                    <TableCell>{workspaceName(k.workspaceId)}</TableCell>
                    <TableCell>{k.assignedUser ? `${k.assignedUser.name} (${k.assignedUser.email})` : t('common.none')}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        variant="outlined"
                        color={k.secretRegistered ? 'success' : 'default'}
                        label={k.secretRegistered ? t('apiKeys.secretRegistered') : t('apiKeys.secretMissing')}
                      />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLongDate(k.createdAt, i18n.language)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {togglable ? (
                        <Button size="small" onClick={() => setToggling(k)} aria-label={t(k.status === 'active' ? 'apiKeys.deactivate.for' : 'apiKeys.activate.for', { name: k.name })}>
                          {t(k.status === 'active' ? 'apiKeys.deactivate.action' : 'apiKeys.activate.action')}
                        </Button>
                      ) : null}
                      {!k.vanished && k.status !== 'archived' && k.status !== 'deleted' ? (
                        <Tooltip title={t('apiKeys.rename')}>
                          <IconButton aria-label={t('apiKeys.renameFor', { name: k.name })} onClick={() => setRenaming(k)}>
                            <EditIcon />
                          </IconButton>
                        </Tooltip>
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      {registering ? (
        <RegisterSecretDialog
          onClose={() => setRegistering(false)}
          onRegistered={(key) => {
            setRegistering(false);
            setRegistered(key);
          }}
        />
      ) : null}
      {renaming ? <RenameKeyDialog apiKey={renaming} onClose={() => setRenaming(null)} /> : null}
      {toggling ? <StatusDialog apiKey={toggling} onClose={() => setToggling(null)} /> : null}
    </>
  );
}
