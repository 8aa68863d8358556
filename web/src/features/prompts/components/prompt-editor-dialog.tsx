import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/error-alert';
import { DiscardChangesDialog } from '@/components/discard-changes-dialog';
import { FormField } from '@/components/form-field';
import type { Role } from '@/lib/auth-store';
import type { RenderOrganizationPicker } from '@/lib/option';
import { promptInputSchema, VISIBILITIES, type Prompt, type PromptInput } from '../api/prompts-api';
import { useCreatePrompt, useUpdatePrompt } from '../hooks/use-prompts';
import { TemplatePreview } from './template-preview';

interface Props {
  prompt: Prompt | null;
  role: Role;
  organizationId: string | null;
  /** The owning organization's field (SuperAdmin only). */
  renderOrganizationPicker?: RenderOrganizationPicker;
  onClose: () => void;
}

/** Create or edit a prompt; the right side previews the variables live (R-P1). */
export function PromptEditorDialog({ prompt, role, organizationId, renderOrganizationPicker, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const create = useCreatePrompt();
  const update = useUpdatePrompt();
  const mutation = prompt ? update : create;
  const [values, setValues] = useState<Record<string, string>>({});
  const {
    register,
    handleSubmit,
    control,
    formState: { errors, isDirty },
  } = useForm<PromptInput>({
    resolver: zodResolver(promptInputSchema),
    defaultValues: {
      title: prompt?.title ?? '',
      description: prompt?.description ?? '',
      category: prompt?.category ?? '',
      tags: prompt?.tags.join(', ') ?? '',
      content: prompt?.content ?? '',
      visibility: prompt?.visibility ?? (role === 'User' ? 'private' : 'organization'),
      organizationId: prompt?.organizationId ?? organizationId,
      changeNote: '',
    },
  });
  const content = useWatch({ control, name: 'content' });
  // Esc, a click outside and Cancel ask before unsaved changes are lost.
  const [asking, setAsking] = useState(false);
  const requestClose = () => (isDirty ? setAsking(true) : onClose());
  const submit = handleSubmit((input) => {
    if (prompt) update.mutate({ id: prompt.id, input }, { onSuccess: onClose });
    else create.mutate(input, { onSuccess: onClose });
  });

  return (
    <Dialog open onClose={requestClose} aria-labelledby={titleId} maxWidth="lg" fullWidth>
      <form noValidate onSubmit={submit}>
        <DialogTitle id={titleId}>{prompt ? t('prompts.edit', { version: prompt.version }) : t('prompts.create')}</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 3 }}>
            <Box>
              <FormField label={t('prompts.fields.title')} autoFocus fullWidth margin="dense" fieldError={errors.title} {...register('title')} />
              <FormField
                label={t('prompts.fields.descriptionOptional')}
                fullWidth
                margin="dense"
                fieldError={errors.description}
                {...register('description')}
              />
              <Box sx={{ display: 'flex', gap: 2 }}>
                <FormField label={t('prompts.fields.categoryOptional')} fullWidth margin="dense" fieldError={errors.category} {...register('category')} />
                <FormField
                  label={t('prompts.fields.tagsOptional')}
                  helperText={t('prompts.tagsHint')}
                  fullWidth
                  margin="dense"
                  fieldError={errors.tags}
                  {...register('tags')}
                />
              </Box>
              <Box sx={{ display: 'flex', gap: 2 }}>
                <Controller
                  control={control}
                  name="visibility"
                  render={({ field }) => (
                    <TextField select label={t('prompts.fields.visibility')} fullWidth margin="dense" {...field}>
                      {VISIBILITIES.map((v) => (
                        <MenuItem key={v} value={v} disabled={role === 'User' && v !== 'private'}>
                          {t(`prompts.visibility.${v}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
                {role === 'SuperAdmin' && renderOrganizationPicker ? (
                  <Controller
                    control={control}
                    name="organizationId"
                    render={({ field }) => (
                      <Box sx={{ mt: 1, mb: 0.5 }}>
                        {renderOrganizationPicker({
                          label: t('prompts.fields.organization'),
                          value: field.value ?? null,
                          valueName: field.value && field.value === prompt?.organizationId ? prompt.organizationName : undefined,
                          onChange: (o) => field.onChange(o?.id ?? null),
                          emptyLabel: t('prompts.portalWide'),
                          error: Boolean(errors.organizationId),
                          helperText: errors.organizationId?.message ? t(errors.organizationId.message) : undefined,
                        })}
                      </Box>
                    )}
                  />
                ) : null}
              </Box>
              <FormField
                label={t('prompts.fields.content')}
                helperText={t('prompts.contentHint', { example: '{{name}}' })}
                fullWidth
                multiline
                minRows={10}
                margin="dense"
                fieldError={errors.content}
                slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
                {...register('content')}
              />
              {prompt ? (
                <FormField label={t('prompts.fields.changeNoteOptional')} fullWidth margin="dense" fieldError={errors.changeNote} {...register('changeNote')} />
              ) : null}
            </Box>
            <Paper variant="outlined" sx={{ p: 2 }} aria-label={t('prompts.preview')} component="section">
              <Typography variant="subtitle1" fontWeight={700} gutterBottom>
                {t('prompts.preview')}
              </Typography>
              <TemplatePreview content={content ?? ''} values={values} onChange={setValues} />
            </Paper>
          </Box>
          <ErrorAlert error={mutation.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={requestClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={mutation.isPending}>
            {prompt ? t('common.save') : t('common.create')}
          </Button>
        </DialogActions>
      </form>
      {asking ? <DiscardChangesDialog onDiscard={onClose} onKeepEditing={() => setAsking(false)} /> : null}
    </Dialog>
  );
}
