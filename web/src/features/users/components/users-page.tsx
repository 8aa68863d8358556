import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
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
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { AddIcon, DeleteIcon, EditIcon, KeyIcon } from '@/components/icons';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { RoleBadge } from '@/components/role-badge';
import { useAuth, type Role } from '@/lib/auth-store';
import { formatDateTime } from '@/lib/format';
import type { OrganizationOption } from '@/lib/option';
import { passwordLimits } from '@/lib/validation';
import { createUserInputSchema, ROLES, updateUserInputSchema, type CreateUserInput, type User } from '../api/users-api';
import { useCreateUser, useDeleteUser, useResetUserPassword, useUpdateUser, useUsers } from '../hooks/use-users';

export interface KeyPickerSlotProps {
  organizationId: string | null;
  value: string | null;
  current?: { id: string; name: string; hint: string } | null;
  onChange: (id: string | null) => void;
}

interface Props {
  organizations: OrganizationOption[];
  /** The app puts the API key feature's picker here. */
  renderKeyPicker: (props: KeyPickerSlotProps) => ReactNode;
}

function UserFormDialog({ user, organizations, renderKeyPicker, onClose, onCreated }: Props & { user: User | null; onClose: () => void; onCreated: (password?: string) => void }) {
  const { t } = useTranslation();
  const { user: me } = useAuth();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const roles: Role[] = me?.role === 'SuperAdmin' ? ROLES : ROLES.filter((r) => r !== 'SuperAdmin');
  const {
    register,
    handleSubmit,
    control,
    watch,
    formState: { errors },
  } = useForm<CreateUserInput>({
    resolver: zodResolver(user ? (updateUserInputSchema as unknown as typeof createUserInputSchema) : createUserInputSchema),
    defaultValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      role: user?.role ?? 'User',
      organizationId: user?.organizationId ?? me?.organization?.id ?? organizations[0]?.id ?? null,
      password: '',
      apiKeyId: user?.apiKey?.id ?? null,
    },
  });
  const organizationId = watch('organizationId');
  const submit = handleSubmit((values) => {
    if (user) {
      const { password: _unused, ...patch } = values;
      void _unused;
      update.mutate({ id: user.id, ...patch }, { onSuccess: onClose });
    } else {
      create.mutate(values, { onSuccess: (r) => onCreated(r.initialPassword) });
    }
  });
  return (
    <FormDialog
      open
      title={user ? t('users.edit') : t('users.create')}
      submitLabel={user ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={mutation.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormField label={t('users.fields.name')} autoFocus fieldError={errors.name} {...register('name')} />
      <FormField label={t('users.fields.email')} type="email" fieldError={errors.email} {...register('email')} />
      <Controller
        control={control}
        name="role"
        render={({ field }) => (
          <TextField select label={t('users.fields.role')} {...field}>
            {roles.map((r) => (
              <MenuItem key={r} value={r}>
                {t(`roles.${r}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      <Controller
        control={control}
        name="organizationId"
        render={({ field }) => (
          <FormField
            select
            label={t('users.fields.organization')}
            fieldError={errors.organizationId}
            value={field.value ?? ''}
            onChange={(e) => field.onChange(e.target.value || null)}
          >
            <MenuItem value="">{t('common.none')}</MenuItem>
            {organizations.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.name}
              </MenuItem>
            ))}
          </FormField>
        )}
      />
      {!user ? (
        <FormField
          label={t('users.fields.initialPassword')}
          type="password"
          autoComplete="new-password"
          fieldError={errors.password}
          errorValues={passwordLimits}
          helperText={t('users.generatedPasswordHint')}
          {...register('password')}
        />
      ) : null}
      <Controller
        control={control}
        name="apiKeyId"
        render={({ field }) => <>{renderKeyPicker({ organizationId, value: field.value, current: user?.apiKey ?? null, onChange: field.onChange })}</>}
      />
    </FormDialog>
  );
}

export function UsersPage({ organizations, renderKeyPicker }: Props) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const users = useUsers(q);
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const reset = useResetUserPassword();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [deactivateKey, setDeactivateKey] = useState(true);
  const [shownPassword, setShownPassword] = useState<string | null>(null);
  const items = users.data?.items ?? [];

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
      {shownPassword ? (
        <Alert severity="warning" onClose={() => setShownPassword(null)} sx={{ mb: 2 }}>
          {t('users.passwordShownOnce')}{' '}
          <Typography component="code" sx={{ fontFamily: 'monospace', fontWeight: 700 }}>
            {shownPassword}
          </Typography>
        </Alert>
      ) : null}
      <TextField margin="none" size="small" label={t('common.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ maxWidth: 280, mb: 2 }} />
      <QueryState isLoading={users.isLoading} error={users.error} isEmpty={items.length === 0} emptyText={t('users.empty')}>
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('users.fields.name')}</TableCell>
                <TableCell>{t('users.fields.email')}</TableCell>
                <TableCell>{t('users.fields.role')}</TableCell>
                <TableCell>{t('users.fields.organization')}</TableCell>
                <TableCell>{t('users.fields.apiKey')}</TableCell>
                <TableCell>{t('users.fields.status')}</TableCell>
                <TableCell>{t('users.fields.lastLoginAt')}</TableCell>
                <TableCell align="right">{t('common.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((u) => (
                <TableRow key={u.id} hover>
                  <TableCell>{u.name}</TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>
                    <RoleBadge role={u.role} />
                  </TableCell>
                  <TableCell>{u.organizationName ?? t('common.none')}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{u.apiKey ? u.apiKey.hint : t('common.none')}</TableCell>
                  <TableCell>
                    <Chip size="small" color={u.status === 'active' ? 'success' : 'default'} label={t(`users.status.${u.status}`, { defaultValue: u.status })} />
                  </TableCell>
                  <TableCell>{formatDateTime(u.lastLoginAt, i18n.language) || t('common.never')}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={t('common.edit')}>
                      <IconButton aria-label={t('common.edit')} onClick={() => setEditing(u)}>
                        <EditIcon />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={t('users.resetPassword')}>
                      <IconButton aria-label={t('users.resetPassword')} onClick={() => reset.mutate(u.id, { onSuccess: (r) => setShownPassword(r.temporaryPassword) })}>
                        <KeyIcon />
                      </IconButton>
                    </Tooltip>
                    <Button size="small" onClick={() => update.mutate({ id: u.id, status: u.status === 'active' ? 'disabled' : 'active' })}>
                      {u.status === 'active' ? t('users.disable') : t('users.enable')}
                    </Button>
                    <Tooltip title={t('common.delete')}>
                      <IconButton aria-label={t('common.delete')} onClick={() => setDeleting(u)}>
                        <DeleteIcon />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </QueryState>
      {editing ? (
        <UserFormDialog
          user={editing === 'new' ? null : editing}
          organizations={organizations}
          renderKeyPicker={renderKeyPicker}
          onClose={() => setEditing(null)}
          onCreated={(password) => {
            setEditing(null);
            if (password) setShownPassword(password);
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          open
          danger
          title={t('users.delete.title', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ id: deleting.id, deactivateKey }, { onSuccess: () => setDeleting(null) })}
        >
          <Typography>{t('users.delete.consequences')}</Typography>
          {deleting.apiKey ? (
            <FormControlLabel control={<Checkbox checked={deactivateKey} onChange={(e) => setDeactivateKey(e.target.checked)} />} label={t('users.delete.deactivateKey')} />
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
