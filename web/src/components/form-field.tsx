import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { forwardRef } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

type Props = Omit<TextFieldProps, 'error'> & { fieldError?: FieldError; errorValues?: Record<string, unknown> };

/** A field's error as shown: a zod message is an i18n key (validation.*); a server error (type 'server') arrives translated. */
export function fieldErrorText(t: TFunction, fieldError?: FieldError, values?: Record<string, unknown>): string | undefined {
  return fieldError?.message ? (fieldError.type === 'server' ? fieldError.message : t(fieldError.message, values)) : undefined;
}

/** A TextField that shows its react-hook-form error (fieldErrorText). */
export const FormField = forwardRef<HTMLDivElement, Props>(function FormField({ fieldError, errorValues, helperText, ...rest }, ref) {
  const { t } = useTranslation();
  const message = fieldErrorText(t, fieldError, errorValues);
  return <TextField ref={ref} error={Boolean(fieldError)} helperText={message ?? helperText} {...rest} />;
});
