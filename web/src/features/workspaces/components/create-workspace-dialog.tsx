import { zodResolver } from '@hookform/resolvers/zod';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useForm, type FieldError, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { useServerFieldError } from '@/lib/form-errors';
import type { OrganizationOption } from '@/lib/option';
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
  organizations: OrganizationOption[];
  organizationId?: string;
  onClose: () => void;
}

/** R-W1: a name and an organization; the server creates it in Anthropic and links it. */
export function CreateWorkspaceDialog({ organizations, organizationId, onClose }: Props) {
  const { t } = useTranslation();
  const create = useCreateWorkspace();
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isDirty },
  } = useForm<CreateWorkspaceInput>({
    resolver: zodResolver(createWorkspaceInputSchema),
    // Nothing pre-selected unless the dialog was opened for one organization (or there is only one).
    defaultValues: { name: '', organizationId: organizationId ?? (organizations.length === 1 ? organizations[0].id : '') },
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
      <FormField
        select
        label={t('workspaces.fields.organization')}
        fieldError={errors.organizationId}
        value={watch('organizationId')}
        {...register('organizationId')}
      >
        {organizations.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {o.name}
          </MenuItem>
        ))}
      </FormField>
    </FormDialog>
  );
}
