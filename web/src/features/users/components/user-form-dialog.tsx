import { zodResolver } from '@hookform/resolvers/zod';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/form-dialog';
import { FormField, fieldErrorText } from '@/components/form-field';
import { useAuth, type Role } from '@/lib/auth-store';
import { useServerFieldError } from '@/lib/form-errors';
import type { RenderOrganizationPicker } from '@/lib/option';
import { passwordLimits } from '@/lib/validation';
import { createUserInputSchema, ROLES, updateUserInputSchema, type CreateUserInput, type User } from '../api/users-api';
import { useCreateUser, useUpdateUser } from '../hooks/use-users';

export interface KeyPickerSlotProps {
  organizationId: string | null;
  value: string | null;
  current?: { id: string; name: string; hint: string } | null;
  onChange: (id: string | null) => void;
}

export interface UserFormSlots {
  /** The app puts the organization feature's picker here. */
  renderOrganizationPicker: RenderOrganizationPicker;
  /** The app puts the API key feature's picker here. */
  renderKeyPicker: (props: KeyPickerSlotProps) => ReactNode;
}

interface Props extends UserFormSlots {
  user: User | null;
  onClose: () => void;
  /** After a create: the generated password (shown once) when the server made one. */
  onCreated: (user: User, initialPassword?: string) => void;
}

/** Add or edit a user in one modal (R-U1); switching the key is one PATCH of one reference (R-U2). */
export function UserFormDialog({ user, renderOrganizationPicker, renderKeyPicker, onClose, onCreated }: Props) {
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
    setValue,
    setError,
    formState: { errors, isDirty },
  } = useForm<CreateUserInput>({
    resolver: zodResolver(user ? (updateUserInputSchema as unknown as typeof createUserInputSchema) : createUserInputSchema),
    defaultValues: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      role: user?.role ?? 'User',
      // An Admin adds users to their own organization; a SuperAdmin picks one (nothing pre-selected).
      organizationId: user ? user.organizationId : (me?.organization?.id ?? null),
      password: '',
      apiKeyId: user?.apiKey?.id ?? null,
    },
  });
  const organizationId = watch('organizationId');
  const role = watch('role');
  const onField = useServerFieldError(mutation.error, setError, ['name', 'email', 'password'] as const);
  const submit = handleSubmit((values) => {
    const organization = values.role === 'SuperAdmin' ? null : values.organizationId;
    if (user) {
      // Send only what changed, so that an untouched key is never re-assigned.
      const patch: Parameters<typeof update.mutate>[0] = { id: user.id };
      if (values.name !== user.name) patch.name = values.name;
      if (values.email !== user.email) patch.email = values.email;
      if (values.role !== user.role) patch.role = values.role;
      if (organization !== user.organizationId) patch.organizationId = organization;
      if (values.apiKeyId !== (user.apiKey?.id ?? null)) patch.apiKeyId = values.apiKeyId;
      update.mutate(patch, { onSuccess: onClose });
    } else {
      create.mutate({ ...values, organizationId: organization }, { onSuccess: (r) => onCreated(r.user, r.initialPassword) });
    }
  });
  return (
    <FormDialog
      open
      title={user ? t('users.edit') : t('users.create')}
      submitLabel={user ? t('common.save') : t('common.create')}
      pending={mutation.isPending}
      error={onField ? null : mutation.error}
      dirty={isDirty}
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
      {role !== 'SuperAdmin' ? (
        <Controller
          control={control}
          name="organizationId"
          render={({ field }) => (
            <>
              {renderOrganizationPicker({
                label: t('users.fields.organization'),
                value: field.value ?? null,
                valueName:
                  field.value === user?.organizationId ? user?.organizationName : field.value === me?.organization?.id ? me?.organization?.name : undefined,
                error: Boolean(errors.organizationId),
                helperText: fieldErrorText(t, errors.organizationId),
                disabled: me?.role !== 'SuperAdmin',
                onChange: (o) => {
                  field.onChange(o?.id ?? null);
                  // A key belongs to one organization: a new organization needs one of its own keys.
                  if ((o?.id ?? '') !== (user?.organizationId ?? '')) setValue('apiKeyId', null);
                  else setValue('apiKeyId', user?.apiKey?.id ?? null);
                },
              })}
            </>
          )}
        />
      ) : null}
      {!user ? (
        <FormField
          label={t('users.fields.initialPasswordOptional')}
          type="password"
          autoComplete="new-password"
          fieldError={errors.password}
          errorValues={passwordLimits}
          helperText={t('users.generatedPasswordHint')}
          {...register('password')}
        />
      ) : null}
      {role !== 'SuperAdmin' ? (
        <Controller
          control={control}
          name="apiKeyId"
          render={({ field }) => (
            <>
              {renderKeyPicker({
                organizationId,
                value: field.value,
                current: user?.apiKey && organizationId === user.organizationId ? user.apiKey : null,
                onChange: field.onChange,
              })}
            </>
          )}
        />
      ) : null}
    </FormDialog>
  );
}
