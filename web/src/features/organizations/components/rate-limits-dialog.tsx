import { zodResolver } from '@hookform/resolvers/zod';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { formatCount } from '@/lib/format';
import type { LimitGroup, RateLimitChange } from '../api/limits-api';
import { useSetWorkspaceRateLimits } from '../hooks/use-organization-limits';
import { groupName, limiterName } from './limit-names';

/** One limiter type of the group: its current override ('' = inherited) and its ceiling. */
export interface RateLimitField {
  type: string;
  override: number | null;
  ceiling: number | null;
}

type Values = Record<string, string>;

/** What was typed, without spaces and thousands separators ('' = inherit). */
const normalize = (text: string | undefined) => (text ?? '').replace(/[\s,]/g, '');

/**
 * Whole numbers ≥ 1 and never above the organization's own limit: the form refuses a value over the
 * ceiling before anything is sent (the server refuses it too, `limit_above_organization`).
 */
export function rateLimitsSchema(fields: RateLimitField[]) {
  return z.record(z.string()).superRefine((values, ctx) => {
    for (const f of fields) {
      const text = normalize(values[f.type]);
      if (text === '') continue;
      if (!/^\d+$/.test(text) || Number(text) < 1) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [f.type], message: 'validation.wholeNumber' });
      } else if (f.ceiling !== null && Number(text) > f.ceiling) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [f.type], message: 'validation.limitAboveCeiling' });
      }
    }
  });
}

interface Props {
  organizationId: string;
  workspace: { id: string; name: string };
  group: LimitGroup;
  fields: RateLimitField[];
  onClose: () => void;
}

/** A workspace's overrides of one rate-limit group: one field per limiter type; empty = inherit. */
export function RateLimitsDialog({ organizationId, workspace, group, fields, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const save = useSetWorkspaceRateLimits(organizationId);
  const schema = useMemo(() => rateLimitsSchema(fields), [fields]);
  const defaults = useMemo(() => Object.fromEntries(fields.map((f) => [f.type, f.override === null ? '' : String(f.override)])), [fields]);
  const {
    register,
    handleSubmit,
    formState: { errors, isDirty },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: defaults });

  const submit = handleSubmit((values) => {
    // Only what changed: a cleared field goes back to the organization's limit (null).
    const limits: RateLimitChange[] = fields
      .filter((f) => normalize(values[f.type]) !== normalize(defaults[f.type]))
      .map((f) => {
        const text = normalize(values[f.type]);
        return { type: f.type, value: text === '' ? null : Number(text) };
      });
    if (limits.length === 0) {
      onClose();
      return;
    }
    save.mutate({ workspaceId: workspace.id, rateLimitId: group.rateLimitId, limits }, { onSuccess: onClose });
  });

  return (
    <FormDialog
      open
      title={t('organizations.limits.rateDialog.title', { group: groupName(t, group), workspace: workspace.name })}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={save.error}
      dirty={isDirty}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {t('organizations.limits.rateDialog.intro')}
      </Typography>
      {fields.map((f, i) => {
        const ceiling = f.ceiling === null ? null : formatCount(f.ceiling, i18n.language);
        return (
          <FormField
            key={f.type}
            label={limiterName(t, f.type)}
            autoComplete="off"
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            autoFocus={i === 0}
            fieldError={errors[f.type]}
            errorValues={{ max: ceiling }}
            helperText={ceiling === null ? t('organizations.limits.rateDialog.hintNoCeiling') : t('organizations.limits.rateDialog.hint', { ceiling })}
            {...register(f.type)}
          />
        );
      })}
    </FormDialog>
  );
}
