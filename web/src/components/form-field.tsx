import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { forwardRef } from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

type Props = Omit<TextFieldProps, 'error'> & { fieldError?: FieldError; errorValues?: Record<string, unknown> };

/** A TextField whose zod error message is an i18n key (validation.*); a server error (type 'server') arrives translated. */
export const FormField = forwardRef<HTMLDivElement, Props>(function FormField({ fieldError, errorValues, helperText, ...rest }, ref) {
  const { t } = useTranslation();
  const message = fieldError?.message ? (fieldError.type === 'server' ? fieldError.message : t(fieldError.message, errorValues)) : undefined;
  return <TextField ref={ref} error={Boolean(fieldError)} helperText={message ?? helperText} {...rest} />;
});
