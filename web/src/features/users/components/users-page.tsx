import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { DeleteIcon, EditIcon, AddIcon, KeyIcon } from '@/components/icons';
import { OneTimeSecretDialog } from '@/components/one-time-secret-dialog';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { RoleBadge } from '@/components/role-badge';
import { useAuth } from '@/lib/auth-store';
import { formatDateTime } from '@/lib/format';
import { ROLES, type User } from '../api/users-api';
import { useDeleteUser, useResetUserPassword, useUpdateUser, useUsers } from '../hooks/use-users';
import { UserFormDialog, type UserFormSlots } from './user-form-dialog';

export type { KeyPickerSlotProps } from './user-form-dialog';

const PAGE_SIZES = [10, 25, 50];

type Secret = { title: string; description: string; value: string };

/** Disable or delete, optionally deactivating the key in Anthropic too (R-U3: off-boarding in one step). */
function OffboardDialog({ user, mode, onClose }: { user: User; mode: 'disable' | 'delete'; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [deactivateKey, setDeactivateKey] = useState(false);
  const mutation = mode === 'delete' ? remove : update;
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
          ? remove.mutate({ id: user.id, deactivateKey }, { onSuccess: onClose })
          : update.mutate({ id: user.id, status: 'disabled', deactivateKey }, { onSuccess: onClose })
      }
    >
      <Typography gutterBottom>{t(`users.${mode}Dialog.consequences`)}</Typography>
      {user.apiKey ? (
        <FormControlLabel
          control={<Checkbox checked={deactivateKey} onChange={(e) => setDeactivateKey(e.target.checked)} />}
          label={t('users.deactivateKey', { hint: user.apiKey.hint })}
        />
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

export function UsersPage({ organizations, renderKeyPicker }: UserFormSlots) {
  const { t, i18n } = useTranslation();
  const { user: me } = useAuth();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const users = useUsers({ q: q || undefined, role: role || undefined, status: status || undefined, organizationId: organizationId || undefined });
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [offboarding, setOffboarding] = useState<{ user: User; mode: 'disable' | 'delete' } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const items = users.data?.items ?? [];
  const visible = items.slice(page * pageSize, page * pageSize + pageSize);
  const filtered = Boolean(q || role || status || organizationId);
  const filter = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setPage(0);
  };

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
      <Stack direction="row" spacing={2} sx={{ mb: 2 }} flexWrap="wrap" useFlexGap>
        <TextField margin="none" size="small" type="search" label={t('users.searchLabel')} value={q} onChange={filter(setQ)} sx={{ width: 260 }} />
        <TextField margin="none" size="small" select label={t('users.fields.role')} value={role} onChange={filter(setRole)} sx={{ width: 170 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {t(`roles.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField margin="none" size="small" select label={t('users.fields.status')} value={status} onChange={filter(setStatus)} sx={{ width: 150 }}>
          <MenuItem value="">{t('common.all')}</MenuItem>
          {['active', 'disabled'].map((s) => (
            <MenuItem key={s} value={s}>
              {t(`users.status.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        {me?.role === 'SuperAdmin' ? (
          <TextField margin="none" size="small" select label={t('users.fields.organization')} value={organizationId} onChange={filter(setOrganizationId)} sx={{ width: 200 }}>
            <MenuItem value="">{t('common.all')}</MenuItem>
            {organizations.map((o) => (
              <MenuItem key={o.id} value={o.id}>
                {o.name}
              </MenuItem>
            ))}
          </TextField>
        ) : null}
      </Stack>
      <QueryState isLoading={users.isLoading} error={users.error} isEmpty={items.length === 0} emptyText={filtered ? t('common.noMatches') : t('users.empty')}>
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
              {visible.map((u) => (
                <TableRow key={u.id} hover data-testid={`user-row-${u.email}`}>
                  <TableCell>{u.name}</TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>
                    <RoleBadge role={u.role} />
                  </TableCell>
                  <TableCell>{u.organizationName ?? t('common.none')}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: '0.8rem', whiteSpace: 'nowrap' }} data-testid="user-key-hint">
                    {u.apiKey ? u.apiKey.hint : t('common.none')}
                    {u.apiKey && u.apiKey.status !== 'active' ? (
                      <Chip size="small" color="warning" sx={{ ml: 1 }} label={t(`apiKeys.status.${u.apiKey.status}`, { defaultValue: u.apiKey.status })} />
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={u.status === 'active' ? 'success' : 'default'} label={t(`users.status.${u.status}`, { defaultValue: u.status })} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(u.lastLoginAt, i18n.language) || t('common.never')}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={t('common.edit')}>
                      <IconButton aria-label={t('users.actions.edit', { name: u.name })} onClick={() => setEditing(u)}>
                        <EditIcon />
                      </IconButton>
                    </Tooltip>
                    <Tooltip title={t('users.resetPassword')}>
                      <IconButton aria-label={t('users.actions.resetPassword', { name: u.name })} onClick={() => setResetting(u)}>
                        <KeyIcon />
                      </IconButton>
                    </Tooltip>
                    {u.id === me?.id ? null : u.status === 'active' ? (
                      <Button size="small" aria-label={t('users.actions.disable', { name: u.name })} onClick={() => setOffboarding({ user: u, mode: 'disable' })}>
                        {t('users.disable')}
                      </Button>
                    ) : (
                      <Button size="small" aria-label={t('users.actions.enable', { name: u.name })} disabled={update.isPending} onClick={() => update.mutate({ id: u.id, status: 'active' })}>
                        {t('users.enable')}
                      </Button>
                    )}
                    {/* Nobody disables or deletes their own account from here (the server refuses it too). */}
                    {u.id !== me?.id ? (
                      <Tooltip title={t('common.delete')}>
                        <IconButton aria-label={t('users.actions.delete', { name: u.name })} onClick={() => setOffboarding({ user: u, mode: 'delete' })}>
                          <DeleteIcon />
                        </IconButton>
                      </Tooltip>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={items.length}
            page={Math.min(page, Math.max(0, Math.ceil(items.length / pageSize) - 1))}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_, p) => setPage(p)}
            onRowsPerPageChange={(e) => {
              setPageSize(Number(e.target.value));
              setPage(0);
            }}
            labelRowsPerPage={t('common.rowsPerPage')}
            labelDisplayedRows={({ from, to, count }) => t('common.displayedRows', { from, to, count })}
          />
        </TableContainer>
      </QueryState>
      <ErrorAlert error={update.error} />
      {editing ? (
        <UserFormDialog
          user={editing === 'new' ? null : editing}
          organizations={organizations}
          renderKeyPicker={renderKeyPicker}
          onClose={() => setEditing(null)}
          onCreated={(created, password) => {
            setEditing(null);
            if (password) setSecret({ title: t('users.createdTitle'), description: t('users.createdPassword', { name: created.name, email: created.email }), value: password });
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
