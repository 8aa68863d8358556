import { zodResolver } from '@hookform/resolvers/zod';
import MenuItem from '@mui/material/MenuItem';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import type { OrganizationOption } from '@/lib/option';
import { createWorkspaceInputSchema, type CreateWorkspaceInput } from '../api/workspaces-api';
import { useCreateWorkspace } from '../hooks/use-workspaces';

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
    formState: { errors },
  } = useForm<CreateWorkspaceInput>({
    resolver: zodResolver(createWorkspaceInputSchema),
    defaultValues: { name: '', organizationId: organizationId ?? organizations[0]?.id ?? '' },
  });
  return (
    <FormDialog
      open
      title={t('workspaces.create')}
      submitLabel={t('common.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={handleSubmit((values) => create.mutate(values, { onSuccess: onClose }))}
      onClose={onClose}
    >
      <FormField
        label={t('workspaces.fields.name')}
        autoFocus
        fieldError={errors.name}
        helperText={t('validation.workspaceNameLength')}
        {...register('name')}
      />
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
