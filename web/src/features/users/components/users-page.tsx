import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { DeleteIcon, EditIcon, AddIcon, KeyIcon } from '@/components/icons';
import { OneTimeSecretDialog } from '@/components/one-time-secret-dialog';
import { PageHeader } from '@/components/page-header';
import { RowActions } from '@/components/row-actions';
import { ServerTable, type ServerTableColumn, type ServerTableFilter } from '@/components/server-table';
import { RoleBadge } from '@/components/role-badge';
import { useAuth } from '@/lib/auth-store';
import { formatDateTime } from '@/lib/format';
import { getUsers, retireKeyPatch, ROLES, usersQueryKey, type KeyRetirement, type User } from '../api/users-api';
import { useDeleteUser, useResetUserPassword, useUpdateUser } from '../hooks/use-users';
import { UserFormDialog, type UserFormSlots } from './user-form-dialog';

export type { KeyPickerSlotProps } from './user-form-dialog';

type Secret = { title: string; description: string; value: string };

/**
 * Disable or delete, and choose what happens to the user's key in Anthropic in the same step
 * (R-U3: off-boarding in one step): kept, deactivated (reversible) or retired (archived for good).
 */
function OffboardDialog({ user, mode, onClose }: { user: User; mode: 'disable' | 'delete'; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [retireKey, setRetireKey] = useState<KeyRetirement>('keep');
  const mutation = mode === 'delete' ? remove : update;
  const legendId = useId();
  return (
    <ConfirmDialog
      open
      danger
      title={t(`users.${mode}Dialog.title`, { name: user.name })}
      confirmLabel={t(mode === 'delete' ? 'common.delete' : 'users.disable')}
      pending={mutation.isPending}
      error={mutation.error}
      onClose={onClose}
      onConfirm={() =>
        mode === 'delete'
          ? remove.mutate({ id: user.id, retireKey }, { onSuccess: onClose })
          : update.mutate({ id: user.id, status: 'disabled', ...retireKeyPatch(retireKey) }, { onSuccess: onClose })
      }
    >
      <Typography gutterBottom>{t(`users.${mode}Dialog.consequences`)}</Typography>
      {user.apiKey ? (
        <FormControl sx={{ mt: 1 }}>
          <FormLabel id={legendId}>{t('users.keyRetirement.legend', { hint: user.apiKey.hint })}</FormLabel>
          <RadioGroup aria-labelledby={legendId} value={retireKey} onChange={(e) => setRetireKey(e.target.value as KeyRetirement)}>
            <FormControlLabel value="keep" control={<Radio />} label={t('users.keyRetirement.keep')} />
            <FormControlLabel value="deactivate" control={<Radio />} label={t('users.keyRetirement.deactivate')} />
            <FormControlLabel value="archive" control={<Radio />} label={t('users.keyRetirement.archive')} />
          </RadioGroup>
          {retireKey === 'archive' ? (
            <Alert severity="warning" sx={{ mt: 1 }} data-testid="offboard-archive-warning">
              {t('users.keyRetirement.archiveConsequences')}
            </Alert>
          ) : null}
        </FormControl>
      ) : null}
    </ConfirmDialog>
  );
}

function ResetPasswordDialog({ user, onClose, onReset }: { user: User; onClose: () => void; onReset: (password: string) => void }) {
  const { t } = useTranslation();
  const reset = useResetUserPassword();
  return (
    <ConfirmDialog
      open
      title={t('users.resetDialog.title', { name: user.name })}
      confirmLabel={t('users.resetPassword')}
      pending={reset.isPending}
      error={reset.error}
      onClose={onClose}
      onConfirm={() => reset.mutate(user.id, { onSuccess: (r) => onReset(r.temporaryPassword) })}
    >
      <Typography>{t('users.resetDialog.consequences')}</Typography>
    </ConfirmDialog>
  );
}

export function UsersPage({ renderOrganizationPicker, renderKeyPicker }: UserFormSlots) {
  const { t, i18n } = useTranslation();
  const { user: me } = useAuth();
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [offboarding, setOffboarding] = useState<{ user: User; mode: 'disable' | 'delete' } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  const filters: ServerTableFilter<User>[] = [
    { kind: 'select', name: 'role', label: t('users.fields.role'), width: 170, options: ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })) },
    {
      kind: 'select',
      name: 'status',
      label: t('users.fields.status'),
      width: 150,
      options: ['active', 'disabled'].map((s) => ({ value: s, label: t(`users.status.${s}`) })),
    },
    ...(me?.role === 'SuperAdmin'
      ? [
          {
            kind: 'custom' as const,
            name: 'organizationId',
            render: (value: string, onChange: (value: string) => void) =>
              renderOrganizationPicker({
                label: t('users.fields.organization'),
                value,
                onChange: (o) => onChange(o?.id ?? ''),
                emptyLabel: t('common.all'),
                size: 'small',
                width: 220,
              }),
          },
        ]
      : []),
  ];
  const columns: ServerTableColumn<User>[] = [
    { key: 'name', header: t('users.fields.name'), cell: (u) => u.name },
    { key: 'email', header: t('users.fields.email'), cell: (u) => u.email },
    { key: 'role', header: t('users.fields.role'), nowrap: true, cell: (u) => <RoleBadge role={u.role} /> },
    { key: 'organization', header: t('users.fields.organization'), cell: (u) => u.organizationName ?? t('common.none') },
    {
      key: 'apiKey',
      header: t('users.fields.apiKey'),
      nowrap: true,
      cellProps: { sx: { fontFamily: 'monospace', fontSize: '0.8rem' }, 'data-testid': 'user-key-hint' },
      cell: (u) => (
        <>
          {u.apiKey ? u.apiKey.hint : t('common.none')}
          {u.apiKey && u.apiKey.status !== 'active' ? (
            <Chip size="small" color="warning" sx={{ ml: 1 }} label={t(`apiKeys.status.${u.apiKey.status}`, { defaultValue: u.apiKey.status })} />
          ) : null}
        </>
      ),
    },
    {
      key: 'status',
      header: t('users.fields.status'),
      nowrap: true,
      cell: (u) => (
        <Chip size="small" color={u.status === 'active' ? 'success' : 'default'} label={t(`users.status.${u.status}`, { defaultValue: u.status })} />
      ),
    },
    { key: 'lastLoginAt', header: t('users.fields.lastLoginAt'), nowrap: true, cell: (u) => formatDateTime(u.lastLoginAt, i18n.language) || t('common.never') },
    {
      key: 'actions',
      header: t('common.actions'),
      align: 'right',
      nowrap: true,
      pinEnd: true,
      // Editing in the row; the rest, rarer and some of them drastic, in its menu.
      cell: (u) => (
        <RowActions
          name={u.name}
          actions={[
            {
              key: 'edit',
              label: t('common.edit'),
              ariaLabel: t('users.actions.edit', { name: u.name }),
              icon: <EditIcon />,
              inline: true,
              onClick: () => setEditing(u),
            },
            {
              key: 'reset',
              label: t('users.resetPassword'),
              ariaLabel: t('users.actions.resetPassword', { name: u.name }),
              icon: <KeyIcon />,
              onClick: () => setResetting(u),
            },
            // Nobody disables or deletes their own account from here (the server refuses it too).
            u.id !== me?.id &&
              (u.status === 'active'
                ? {
                    key: 'disable',
                    label: t('users.disable'),
                    ariaLabel: t('users.actions.disable', { name: u.name }),
                    onClick: () => setOffboarding({ user: u, mode: 'disable' }),
                  }
                : {
                    key: 'enable',
                    label: t('users.enable'),
                    ariaLabel: t('users.actions.enable', { name: u.name }),
                    disabled: update.isPending,
                    onClick: () => update.mutate({ id: u.id, status: 'active' }),
                  }),
            u.id !== me?.id && {
              key: 'delete',
              label: t('common.delete'),
              ariaLabel: t('users.actions.delete', { name: u.name }),
              icon: <DeleteIcon />,
              onClick: () => setOffboarding({ user: u, mode: 'delete' }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        }
      />
      <ServerTable
        queryKey={usersQueryKey}
        fetchPage={({ limit, cursor, filters: f }) => getUsers({ limit, cursor, q: f.q, role: f.role, status: f.status, organizationId: f.organizationId })}
        search={{ label: t('users.searchLabel') }}
        filters={filters}
        columns={columns}
        rowKey={(u) => u.id}
        rowProps={(u) => ({ 'data-testid': `user-row-${u.email}` })}
        emptyText={t('users.empty')}
        size="small"
      />
      <ErrorAlert error={update.error} />
      {editing ? (
        <UserFormDialog
          user={editing === 'new' ? null : editing}
          renderOrganizationPicker={renderOrganizationPicker}
          renderKeyPicker={renderKeyPicker}
          onClose={() => setEditing(null)}
          onCreated={(created, password) => {
            setEditing(null);
            if (password)
              setSecret({
                title: t('users.createdTitle'),
                description: t('users.createdPassword', { name: created.name, email: created.email }),
                value: password,
              });
          }}
        />
      ) : null}
      {offboarding ? <OffboardDialog user={offboarding.user} mode={offboarding.mode} onClose={() => setOffboarding(null)} /> : null}
      {resetting ? (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(null)}
          onReset={(password) => {
            setSecret({ title: t('users.resetDialog.doneTitle'), description: t('users.resetDialog.done', { name: resetting.name }), value: password });
            setResetting(null);
          }}
        />
      ) : null}
      {secret ? <OneTimeSecretDialog title={secret.title} description={secret.description} secret={secret.value} onClose={() => setSecret(null)} /> : null}
    </>
  );
}
