import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { EditIcon, KeyIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { RowActions } from '@/components/row-actions';
import { ServerTable, type ServerTableColumn, type ServerTableFilter } from '@/components/server-table';
import { formatLongDate } from '@/lib/format';
import type { RenderWorkspacePicker } from '@/lib/option';
import {
  API_KEY_STATUSES,
  apiKeysQueryKey,
  formatKeyLabel,
  getApiKeys,
  renameApiKeyInputSchema,
  type ApiKey,
  type RenameApiKeyInput,
} from '../api/api-keys-api';
import { useUpdateApiKey } from '../hooks/use-api-keys';
import { ArchiveKeyDialog } from './archive-key-dialog';
import { RegisterSecretDialog } from './register-secret-dialog';
import { ReplaceKeyDialog } from './replace-key-dialog';

const STATUS_COLORS: Record<string, 'success' | 'default' | 'warning' | 'error'> = {
  active: 'success',
  inactive: 'default',
  archived: 'warning',
  expired: 'error',
  vanished: 'error',
};

/** Still there to act on: not archived, nor gone from Anthropic. */
function isLive(k: ApiKey): boolean {
  return !k.vanished && k.status !== 'archived';
}

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
    formState: { errors, isDirty },
  } = useForm<RenameApiKeyInput>({ resolver: zodResolver(renameApiKeyInputSchema), defaultValues: { name: apiKey.name } });
  return (
    <FormDialog
      open
      title={t('apiKeys.rename')}
      submitLabel={t('common.save')}
      pending={update.isPending}
      error={update.error}
      dirty={isDirty}
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
  /** The workspace filter (the app passes the workspace feature's picker in). */
  renderWorkspacePicker?: RenderWorkspacePicker;
}

export function ApiKeysPage({ syncPanel, renderWorkspacePicker }: Props) {
  const { t, i18n } = useTranslation();
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<ApiKey | null>(null);
  const [renaming, setRenaming] = useState<ApiKey | null>(null);
  const [toggling, setToggling] = useState<ApiKey | null>(null);
  const [archiving, setArchiving] = useState<ApiKey | null>(null);
  const [replacing, setReplacing] = useState<ApiKey | null>(null);
  const [replaced, setReplaced] = useState<{ old: ApiKey; key: ApiKey } | null>(null);
  const workspaceName = (k: ApiKey) => (k.workspaceId ? (k.workspaceName ?? k.workspaceId) : t('apiKeys.defaultWorkspace'));

  const filters: ServerTableFilter<ApiKey>[] = [
    {
      kind: 'select',
      name: 'status',
      label: t('apiKeys.fields.status'),
      options: API_KEY_STATUSES.map((s) => ({ value: s, label: t(`apiKeys.status.${s}`) })),
    },
    ...(renderWorkspacePicker
      ? [
          {
            kind: 'custom' as const,
            name: 'workspaceId',
            render: (value: string, onChange: (value: string) => void) =>
              renderWorkspacePicker({
                label: t('apiKeys.fields.workspace'),
                value,
                onChange: (w) => onChange(w?.id ?? ''),
                emptyLabel: t('common.all'),
                size: 'small',
                width: 220,
              }),
          },
        ]
      : []),
  ];
  const mono = { fontFamily: 'monospace', fontSize: '0.8rem' };
  const columns: ServerTableColumn<ApiKey>[] = [
    { key: 'name', header: t('apiKeys.fields.name'), cell: (k) => k.name },
    { key: 'id', header: t('apiKeys.fields.id'), cellProps: { sx: mono }, cell: (k) => k.id },
    { key: 'hint', header: t('apiKeys.fields.hint'), nowrap: true, cellProps: { sx: mono }, cell: (k) => k.hint },
    { key: 'status', header: t('apiKeys.fields.status'), nowrap: true, cell: (k) => <KeyStatusChip apiKey={k} /> },
    { key: 'workspace', header: t('apiKeys.fields.workspace'), cell: workspaceName },
    {
      key: 'assignedUser',
      header: t('apiKeys.fields.assignedUser'),
      cell: (k) =>
        k.assignedUser ? (
          <>
            {k.assignedUser.name}
            <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
              {k.assignedUser.email}
            </Box>
          </>
        ) : (
          t('common.none')
        ),
    },
    {
      key: 'secret',
      header: t('apiKeys.fields.secret'),
      nowrap: true,
      cell: (k) => (
        <Chip
          size="small"
          variant="outlined"
          color={k.secretRegistered ? 'success' : 'default'}
          label={k.secretRegistered ? t('apiKeys.secretRegistered') : t('apiKeys.secretMissing')}
        />
      ),
    },
    { key: 'createdAt', header: t('common.createdAt'), nowrap: true, cell: (k) => formatLongDate(k.createdAt, i18n.language) },
    {
      key: 'actions',
      header: t('common.actions'),
      align: 'right',
      nowrap: true,
      pinEnd: true,
      cell: (k) => (
        <RowActions
          name={k.name}
          actions={[
            isLive(k) && {
              key: 'rename',
              label: t('apiKeys.rename'),
              ariaLabel: t('apiKeys.renameFor', { name: k.name }),
              icon: <EditIcon />,
              inline: true,
              onClick: () => setRenaming(k),
            },
            !k.vanished &&
              (k.status === 'active' || k.status === 'inactive') && {
                key: 'status',
                label: t(k.status === 'active' ? 'apiKeys.deactivate.action' : 'apiKeys.activate.action'),
                ariaLabel: t(k.status === 'active' ? 'apiKeys.deactivate.for' : 'apiKeys.activate.for', { name: k.name }),
                onClick: () => setToggling(k),
              },
            // A key that is still there can be swapped for a new one (leaked) or retired for good.
            isLive(k) && {
              key: 'replace',
              label: t('apiKeys.replace.action'),
              ariaLabel: t('apiKeys.replace.for', { name: k.name }),
              onClick: () => setReplacing(k),
            },
            isLive(k) && {
              key: 'archive',
              label: t('apiKeys.archive.action'),
              ariaLabel: t('apiKeys.archive.for', { name: k.name }),
              onClick: () => setArchiving(k),
            },
          ]}
        />
      ),
    },
  ];

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
      {replaced ? (
        <Alert severity="success" onClose={() => setReplaced(null)} sx={{ mb: 2 }} data-testid="replace-success">
          {replaced.key.assignedUser
            ? t('apiKeys.replace.doneHeld', {
                old: formatKeyLabel(replaced.old),
                key: formatKeyLabel(replaced.key),
                user: `${replaced.key.assignedUser.name} (${replaced.key.assignedUser.email})`,
              })
            : t('apiKeys.replace.doneFree', { old: formatKeyLabel(replaced.old), key: formatKeyLabel(replaced.key) })}
        </Alert>
      ) : null}
      <ServerTable
        queryKey={apiKeysQueryKey}
        fetchPage={({ limit, cursor, filters: f }) => getApiKeys({ limit, cursor, q: f.q, status: f.status, workspaceId: f.workspaceId })}
        search={{ label: t('common.search'), width: 260, placeholder: t('apiKeys.searchPlaceholder') }}
        filters={filters}
        columns={columns}
        rowKey={(k) => k.id}
        rowProps={(k) => ({ 'data-testid': `api-key-row-${k.id}` })}
        emptyText={t('apiKeys.empty')}
        size="small"
      />
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
      {archiving ? <ArchiveKeyDialog apiKey={archiving} onClose={() => setArchiving(null)} /> : null}
      {replacing ? (
        <ReplaceKeyDialog
          apiKey={replacing}
          workspace={workspaceName(replacing)}
          onClose={() => setReplacing(null)}
          onReplaced={(key) => {
            setReplaced({ old: replacing, key });
            setReplacing(null);
          }}
        />
      ) : null}
    </>
  );
}
