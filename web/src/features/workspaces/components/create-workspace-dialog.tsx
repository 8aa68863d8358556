import { zodResolver } from '@hookform/resolvers/zod';
import Typography from '@mui/material/Typography';
import { Controller, useForm, type FieldError, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/form-dialog';
import { FormField, fieldErrorText } from '@/components/form-field';
import type { PickerItem } from '@/components/search-picker';
import { useAuth } from '@/lib/auth-store';
import { useServerFieldError } from '@/lib/form-errors';
import type { RenderOrganizationPicker } from '@/lib/option';
import { createWorkspaceInputSchema, WORKSPACE_NAME_MAX, type CreateWorkspaceInput } from '../api/workspaces-api';
import { useCreateWorkspace } from '../hooks/use-workspaces';

/** R-W1: 1–40 characters, with a live counter so that the limit is never a surprise. */
export function WorkspaceNameField({ register, error, length }: { register: UseFormRegisterReturn; error?: FieldError; length: number }) {
  const { t } = useTranslation();
  const over = length > WORKSPACE_NAME_MAX;
  return (
    <FormField
      label={t('workspaces.fields.name')}
      autoFocus
      fieldError={error}
      helperText={t('workspaces.nameCounter', { count: length, max: WORKSPACE_NAME_MAX })}
      slotProps={{ formHelperText: { sx: { color: over ? 'error.main' : undefined } } }}
      {...register}
    />
  );
}

interface Props {
  renderOrganizationPicker: RenderOrganizationPicker;
  /** Opened for this organization (its row on the organizations page): chosen already. */
  organization?: PickerItem;
  onClose: () => void;
}

/** R-W1: a name and an organization; the server creates it in Anthropic and links it. */
export function CreateWorkspaceDialog({ renderOrganizationPicker, organization, onClose }: Props) {
  const { t } = useTranslation();
  const { user: me } = useAuth();
  const create = useCreateWorkspace();
  // An Admin creates workspaces for their own organization; a SuperAdmin picks one (nothing pre-selected).
  const preset = organization ?? (me?.role !== 'SuperAdmin' ? me?.organization : null) ?? null;
  const {
    register,
    handleSubmit,
    watch,
    control,
    setError,
    formState: { errors, isDirty },
  } = useForm<CreateWorkspaceInput>({
    resolver: zodResolver(createWorkspaceInputSchema),
    defaultValues: { name: '', organizationId: preset?.id ?? '' },
  });
  const onField = useServerFieldError(create.error, setError, ['name'] as const);
  return (
    <FormDialog
      open
      title={t('workspaces.create')}
      submitLabel={t('common.create')}
      pending={create.isPending}
      error={onField ? null : create.error}
      dirty={isDirty}
      onSubmit={handleSubmit((values) => create.mutate(values, { onSuccess: onClose }))}
      onClose={onClose}
    >
      <Typography color="text.secondary" variant="body2">
        {t('workspaces.createDescription')}
      </Typography>
      <WorkspaceNameField register={register('name')} error={errors.name} length={watch('name').length} />
      <Controller
        control={control}
        name="organizationId"
        render={({ field }) => (
          <>
            {renderOrganizationPicker({
              label: t('workspaces.fields.organization'),
              value: field.value || null,
              valueName: field.value === preset?.id ? preset?.name : undefined,
              onChange: (o) => field.onChange(o?.id ?? ''),
              error: Boolean(errors.organizationId),
              helperText: fieldErrorText(t, errors.organizationId),
            })}
          </>
        )}
      />
    </FormDialog>
  );
}
