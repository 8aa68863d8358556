import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormDialog } from '@/components/form-dialog';
import { useServerFieldError } from '@/lib/form-errors';
import { FormField } from '@/components/form-field';
import { AddIcon, DeleteIcon, EditIcon, WorkspaceAddIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { ServerTable, type ServerTableColumn } from '@/components/server-table';
import { useAuth } from '@/lib/auth-store';
import { formatLongDate } from '@/lib/format';
import {
  createOrganizationInputSchema,
  getOrganizations,
  organizationsQueryKey,
  type CreateOrganizationInput,
  type Organization,
} from '../api/organizations-api';
import { useCreateOrganization, useDeleteOrganization, useUpdateOrganization } from '../hooks/use-organizations';

function OrganizationFormDialog({ organization, onClose }: { organization: Organization | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const mutation = organization ? update : create;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<CreateOrganizationInput>({
    resolver: zodResolver(createOrganizationInputSchema),
    defaultValues: { name: organization?.name ?? '', description: organization?.description ?? '' },
  });
  const onField = useServerFieldError(mutation.error, setError, ['name', 'description'] as const);
  const submit = handleSubmit((values) => {
    if (organization) update.mutate({ id: organization.id, ...values }, { onSuccess: onClose });
    else create.mutate(values, { onSuccess: onClose });
  });
  return (
    <FormDialog
      open
      title={organization ? t('organizations.edit') : t('organizations.create')}
      submitLabel={organization ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={onField ? null : mutation.error}
      dirty={isDirty}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormField label={t('organizations.fields.name')} autoFocus fieldError={errors.name} {...register('name')} />
      <FormField label={t('organizations.fields.descriptionOptional')} multiline minRows={2} fieldError={errors.description} {...register('description')} />
    </FormDialog>
  );
}

export function DeleteOrganizationDialog({ organization, onClose }: { organization: Organization; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteOrganization();
  const [archiveWorkspaces, setArchiveWorkspaces] = useState(false);
  const report = remove.data;
  if (report) {
    // R-O4: say what the server did, in its own numbers.
    return (
      <Dialog open onClose={onClose} aria-labelledby="org-deleted-title" maxWidth="sm" fullWidth>
        <DialogTitle id="org-deleted-title">{t('organizations.delete.doneTitle', { name: organization.name })}</DialogTitle>
        <DialogContent>
          <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="organization-delete-report">
            <li>{t('organizations.delete.report.usersDisabled', { count: report.usersDisabled })}</li>
            <li>{t('organizations.delete.report.sessionsRevoked', { count: report.sessionsRevoked })}</li>
            <li>{t('organizations.delete.report.keysUnassigned', { count: report.keysUnassigned })}</li>
            <li>{t('organizations.delete.report.workspacesUnlinked', { count: report.workspacesUnlinked })}</li>
            <li>{t('organizations.delete.report.workspacesArchived', { count: report.workspacesArchived })}</li>
          </Box>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={onClose}>
            {t('common.close')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      open
      danger
      title={t('organizations.delete.title', { name: organization.name })}
      confirmLabel={t('organizations.delete.confirm')}
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() => remove.mutate({ id: organization.id, archiveWorkspaces })}
    >
      <Typography gutterBottom>{t('organizations.delete.intro')}</Typography>
      <Box component="ul" sx={{ mt: 0, pl: 2 }}>
        <li>{t('organizations.delete.users', { count: organization.memberCount })}</li>
        <li>{t('organizations.delete.keys', { count: organization.apiKeyCount })}</li>
        <li>{t('organizations.delete.workspaces', { count: organization.workspaceCount + organization.archivedWorkspaceCount })}</li>
      </Box>
      <FormControlLabel
        control={<Checkbox checked={archiveWorkspaces} onChange={(e) => setArchiveWorkspaces(e.target.checked)} />}
        label={t('organizations.delete.archiveWorkspaces')}
      />
      {archiveWorkspaces ? <Alert severity="warning">{t('organizations.delete.archiveWarning')}</Alert> : null}
    </ConfirmDialog>
  );
}

interface Props {
  /** R-O3: the app puts the workspace feature's create dialog here. */
  renderCreateWorkspace?: (organization: Organization, onClose: () => void) => ReactNode;
  /** Where an organization's name leads (its page, with its limits); absent, names do not link. */
  organizationHref?: (id: string) => string;
}

export function OrganizationsPage({ renderCreateWorkspace, organizationHref }: Props) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const isSuperAdmin = user?.role === 'SuperAdmin';
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Organization | null>(null);
  const [workspaceFor, setWorkspaceFor] = useState<Organization | null>(null);

  const columns: ServerTableColumn<Organization>[] = [
    {
      key: 'name',
      header: t('organizations.fields.name'),
      cell: (org) =>
        organizationHref ? (
          <Link component={RouterLink} to={organizationHref(org.id)} fontWeight={500}>
            {org.name}
          </Link>
        ) : (
          org.name
        ),
    },
    { key: 'description', header: t('organizations.fields.description'), cell: (org) => org.description },
    { key: 'members', header: t('organizations.fields.memberCount'), align: 'right', cell: (org) => org.memberCount },
    {
      key: 'workspaces',
      header: t('organizations.fields.workspaceCount'),
      align: 'right',
      cell: (org) =>
        org.archivedWorkspaceCount
          ? `${org.workspaceCount} ${t('organizations.archivedWorkspaces', { count: org.archivedWorkspaceCount })}`
          : org.workspaceCount,
    },
    { key: 'keys', header: t('organizations.fields.apiKeyCount'), align: 'right', cell: (org) => org.apiKeyCount },
    { key: 'createdAt', header: t('common.createdAt'), nowrap: true, cell: (org) => formatLongDate(org.createdAt, i18n.language) },
    {
      key: 'actions',
      header: t('common.actions'),
      align: 'right',
      nowrap: true,
      pinEnd: true,
      cell: (org) => (
        <>
          {renderCreateWorkspace ? (
            <Tooltip title={t('organizations.createWorkspace')}>
              <IconButton aria-label={t('organizations.actions.createWorkspace', { name: org.name })} onClick={() => setWorkspaceFor(org)}>
                <WorkspaceAddIcon />
              </IconButton>
            </Tooltip>
          ) : null}
          <Tooltip title={t('common.edit')}>
            <IconButton aria-label={t('organizations.actions.edit', { name: org.name })} onClick={() => setEditing(org)}>
              <EditIcon />
            </IconButton>
          </Tooltip>
          {isSuperAdmin ? (
            <Tooltip title={t('common.delete')}>
              <IconButton aria-label={t('organizations.actions.delete', { name: org.name })} onClick={() => setDeleting(org)}>
                <DeleteIcon />
              </IconButton>
            </Tooltip>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.organizations')}
        actions={
          isSuperAdmin ? (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
              {t('organizations.create')}
            </Button>
          ) : null
        }
      />
      <ServerTable
        queryKey={organizationsQueryKey}
        fetchPage={({ limit, cursor, filters }) => getOrganizations({ limit, cursor, q: filters.q })}
        search={{ label: t('common.search'), width: 260, placeholder: t('organizations.searchPlaceholder') }}
        columns={columns}
        rowKey={(org) => org.id}
        emptyText={isSuperAdmin ? t('organizations.emptySuperAdmin') : t('organizations.empty')}
      />
      {editing ? <OrganizationFormDialog organization={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? <DeleteOrganizationDialog organization={deleting} onClose={() => setDeleting(null)} /> : null}
      {workspaceFor && renderCreateWorkspace ? renderCreateWorkspace(workspaceFor, () => setWorkspaceFor(null)) : null}
    </>
  );
}
