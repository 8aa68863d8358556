import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormDialog } from '@/components/form-dialog';
import { useServerFieldError } from '@/lib/form-errors';
import { AddIcon, DeleteIcon, EditIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import type { PickerItem } from '@/components/search-picker';
import { ServerTable, type ServerTableColumn, type ServerTableFilter } from '@/components/server-table';
import { useAuth } from '@/lib/auth-store';
import { formatLongDate } from '@/lib/format';
import type { RenderOrganizationPicker } from '@/lib/option';
import { getWorkspaces, renameWorkspaceInputSchema, workspacesQueryKey, type RenameWorkspaceInput, type Workspace } from '../api/workspaces-api';
import { useArchiveWorkspace, useUpdateWorkspace, useWorkspaceKeyHolders } from '../hooks/use-workspaces';
import { CreateWorkspaceDialog, WorkspaceNameField } from './create-workspace-dialog';

function RenameWorkspaceDialog({ workspace, onClose }: { workspace: Workspace; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateWorkspace();
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isDirty },
  } = useForm<RenameWorkspaceInput>({ resolver: zodResolver(renameWorkspaceInputSchema), defaultValues: { name: workspace.name } });
  const onField = useServerFieldError(update.error, setError, ['name'] as const);
  return (
    <FormDialog
      open
      title={t('workspaces.rename')}
      submitLabel={t('common.save')}
      pending={update.isPending}
      error={onField ? null : update.error}
      dirty={isDirty}
      onSubmit={handleSubmit((v) => update.mutate({ id: workspace.id, name: v.name }, { onSuccess: onClose }))}
      onClose={onClose}
    >
      <WorkspaceNameField register={register('name')} error={errors.name} length={watch('name').length} />
    </FormDialog>
  );
}

/** Moving (or unlinking) a workspace asks first, listing the users who would lose their key. */
function MoveWorkspaceDialog({ workspace, target, onClose }: { workspace: Workspace; target: PickerItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateWorkspace();
  const holders = useWorkspaceKeyHolders(workspace.id);
  const from = workspace.organizationId ? (workspace.organizationName ?? workspace.organizationId) : t('workspaces.unlinked');
  const losing = holders.data ?? [];
  return (
    <ConfirmDialog
      open
      danger={losing.length > 0}
      title={t('workspaces.move.title', { name: workspace.name })}
      confirmLabel={target ? t('workspaces.move.confirm') : t('workspaces.move.unlink')}
      pending={update.isPending || holders.isLoading}
      error={update.error ?? holders.error}
      onClose={onClose}
      onConfirm={() => update.mutate({ id: workspace.id, organizationId: target?.id ?? null, unassignKeys: losing.length > 0 }, { onSuccess: onClose })}
    >
      <Typography>{t('workspaces.move.from', { from, to: target?.name ?? t('workspaces.unlinked') })}</Typography>
      {holders.isSuccess ? (
        losing.length === 0 ? (
          <Typography sx={{ mt: 1 }} color="text.secondary">
            {t('workspaces.move.noHolders')}
          </Typography>
        ) : (
          <>
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('workspaces.move.holders', { count: losing.length })}
            </Alert>
            <Box component="ul" data-testid="move-holders" sx={{ pl: 2, my: 1, maxHeight: 240, overflow: 'auto' }}>
              {losing.map((h) => (
                <li key={h.keyId}>
                  <Typography variant="body2">
                    {h.holder.name} ({h.holder.email}) — {h.keyId}: {h.hint} ({h.keyName})
                  </Typography>
                </li>
              ))}
            </Box>
          </>
        )
      ) : null}
    </ConfirmDialog>
  );
}

export function WorkspacesPage({ renderOrganizationPicker }: { renderOrganizationPicker: RenderOrganizationPicker }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const isSuperAdmin = user?.role === 'SuperAdmin';
  const archive = useArchiveWorkspace();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Workspace | null>(null);
  const [archiving, setArchiving] = useState<Workspace | null>(null);
  const [moving, setMoving] = useState<{ workspace: Workspace; target: PickerItem | null } | null>(null);

  const filters: ServerTableFilter<Workspace>[] = [
    ...(isSuperAdmin
      ? [
          {
            kind: 'custom' as const,
            name: 'organizationId',
            render: (value: string, onChange: (value: string) => void) =>
              renderOrganizationPicker({
                label: t('workspaces.fields.organization'),
                value,
                onChange: (o) => onChange(o?.id ?? ''),
                emptyLabel: t('common.all'),
                size: 'small',
                width: 220,
              }),
          },
        ]
      : []),
    { kind: 'switch', name: 'includeArchived', label: t('workspaces.includeArchived') },
  ];
  const columns: ServerTableColumn<Workspace>[] = [
    {
      key: 'name',
      header: t('workspaces.fields.name'),
      cell: (w) => (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: w.displayColor || 'grey.400' }} aria-hidden />
          {w.name}
          {w.archivedAt ? <Chip size="small" label={t('workspaces.archived')} /> : null}
        </Box>
      ),
    },
    {
      key: 'id',
      header: t('workspaces.fields.id'),
      cell: (w) => (
        <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace' }}>
          {w.id}
        </Typography>
      ),
    },
    {
      key: 'organization',
      header: t('workspaces.fields.organization'),
      cell: (w) =>
        // A SuperAdmin links the workspace to another organization (or unlinks it) here.
        isSuperAdmin
          ? renderOrganizationPicker({
              label: t('workspaces.fields.organization'),
              value: w.organizationId,
              valueName: w.organizationName,
              onChange: (target) => setMoving({ workspace: w, target }),
              emptyLabel: t('workspaces.unlinked'),
              disabled: Boolean(w.archivedAt),
              size: 'small',
              width: 220,
            })
          : (w.organizationName ?? t('workspaces.unlinked')),
    },
    { key: 'keys', header: t('organizations.fields.apiKeyCount'), align: 'right', cell: (w) => w.apiKeyCount },
    { key: 'createdAt', header: t('common.createdAt'), nowrap: true, cell: (w) => formatLongDate(w.createdAt, i18n.language) },
    {
      key: 'actions',
      header: t('common.actions'),
      align: 'right',
      nowrap: true,
      pinEnd: true,
      cell: (w) =>
        !w.archivedAt ? (
          <>
            <Tooltip title={t('workspaces.rename')}>
              <IconButton aria-label={t('workspaces.actions.rename', { name: w.name })} onClick={() => setRenaming(w)}>
                <EditIcon />
              </IconButton>
            </Tooltip>
            <Tooltip title={t('workspaces.archive.action')}>
              <IconButton aria-label={t('workspaces.actions.archive', { name: w.name })} onClick={() => setArchiving(w)}>
                <DeleteIcon />
              </IconButton>
            </Tooltip>
          </>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.workspaces')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            {t('workspaces.create')}
          </Button>
        }
      />
      <ServerTable
        queryKey={workspacesQueryKey}
        fetchPage={({ limit, cursor, filters: f }) =>
          getWorkspaces({ limit, cursor, q: f.q, organizationId: f.organizationId, includeArchived: f.includeArchived === 'true' })
        }
        search={{ label: t('common.search'), width: 260, placeholder: t('workspaces.searchPlaceholder') }}
        filters={filters}
        columns={columns}
        rowKey={(w) => w.id}
        rowProps={(w) => ({ 'data-testid': `workspace-row-${w.id}` })}
        emptyText={t('workspaces.empty')}
      />
      {creating ? <CreateWorkspaceDialog renderOrganizationPicker={renderOrganizationPicker} onClose={() => setCreating(false)} /> : null}
      {renaming ? <RenameWorkspaceDialog workspace={renaming} onClose={() => setRenaming(null)} /> : null}
      {moving ? <MoveWorkspaceDialog workspace={moving.workspace} target={moving.target} onClose={() => setMoving(null)} /> : null}
      {archiving ? (
        <ConfirmDialog
          open
          danger
          title={t('workspaces.archive.title', { name: archiving.name })}
          confirmLabel={t('workspaces.archive.action')}
          pending={archive.isPending}
          error={archive.error}
          onClose={() => setArchiving(null)}
          onConfirm={() => archive.mutate(archiving.id, { onSuccess: () => setArchiving(null) })}
        >
          <Alert severity="error" sx={{ mb: 1 }}>
            {t('workspaces.archive.irreversible')}
          </Alert>
          <Typography>{t('workspaces.archive.consequences', { count: archiving.apiKeyCount })}</Typography>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
