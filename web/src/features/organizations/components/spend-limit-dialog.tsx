import { zodResolver } from '@hookform/resolvers/zod';
import InputAdornment from '@mui/material/InputAdornment';
import Typography from '@mui/material/Typography';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormDialog } from '@/components/form-dialog';
import { FormField } from '@/components/form-field';
import { useServerFieldError } from '@/lib/form-errors';
import { centsToDollars, dollarsToCents, formatUsdCents } from '@/lib/money';
import { useSetWorkspaceSpendLimit } from '../hooks/use-organization-limits';

/** Dollars as typed: at most two decimals, above zero; converted to cents exactly on submit. */
export const spendLimitSchema = z.object({
  amount: z.string().superRefine((text, ctx) => {
    if (text.trim() === '') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'validation.required' });
      return;
    }
    const cents = dollarsToCents(text);
    if (cents === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'validation.dollars' });
    else if (cents === '0') ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'validation.dollarsPositive' });
  }),
});
type SpendLimitInput = z.infer<typeof spendLimitSchema>;

interface Props {
  organizationId: string;
  workspace: { id: string; name: string };
  /** The limit now, in cents (null: none). */
  amountCents: string | null;
  onClose: () => void;
}

/** Sets a workspace's monthly spend limit, typed in dollars and sent as whole cents. */
export function SpendLimitDialog({ organizationId, workspace, amountCents, onClose }: Props) {
  const { t } = useTranslation();
  const save = useSetWorkspaceSpendLimit(organizationId);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty },
  } = useForm<SpendLimitInput>({
    resolver: zodResolver(spendLimitSchema),
    defaultValues: { amount: amountCents === null ? '' : centsToDollars(amountCents) },
  });
  const onField = useServerFieldError(save.error, setError, ['amount'] as const, { amountCents: 'amount' });
  const submit = handleSubmit(({ amount }) => {
    const cents = dollarsToCents(amount);
    if (cents === null) return; // the schema refused it already
    if (cents === amountCents) {
      onClose();
      return;
    }
    save.mutate({ workspaceId: workspace.id, amountCents: cents }, { onSuccess: onClose });
  });
  return (
    <FormDialog
      open
      title={t('organizations.limits.spend.dialogTitle', { workspace: workspace.name })}
      submitLabel={t('common.save')}
      pending={save.isPending}
      error={onField ? null : save.error}
      dirty={isDirty}
      onSubmit={submit}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {t('organizations.limits.spend.dialogIntro')}
      </Typography>
      <FormField
        label={t('organizations.limits.spend.amount')}
        autoFocus
        autoComplete="off"
        fieldError={errors.amount}
        helperText={t('organizations.limits.spend.amountHint')}
        slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { startAdornment: <InputAdornment position="start">$</InputAdornment> } }}
        {...register('amount')}
      />
    </FormDialog>
  );
}

/** Removing a spend limit asks first and names the amount that goes. */
export function RemoveSpendLimitDialog({ organizationId, workspace, amountCents, onClose }: Props & { amountCents: string }) {
  const { t } = useTranslation();
  const save = useSetWorkspaceSpendLimit(organizationId);
  return (
    <ConfirmDialog
      open
      danger
      title={t('organizations.limits.spend.removeTitle', { workspace: workspace.name })}
      confirmLabel={t('organizations.limits.spend.removeConfirm')}
      pending={save.isPending}
      error={save.error}
      onClose={onClose}
      onConfirm={() => save.mutate({ workspaceId: workspace.id, amountCents: null }, { onSuccess: onClose })}
    >
      <Typography>{t('organizations.limits.spend.removeBody', { amount: formatUsdCents(amountCents) })}</Typography>
    </ConfirmDialog>
  );
}
