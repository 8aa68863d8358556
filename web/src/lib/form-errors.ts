import { useEffect } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api-client';

/** The request field a server error is about (error.details.field), if any. */
export function errorField(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? field : null;
}

/**
 * Shows a server error that names one of `fields` on that field of the form (a duplicate email on
 * the email field, not as a generic conflict). Returns whether it did, so that the dialog does not
 * show the same error a second time. The message goes when the user edits the field.
 */
export function useServerFieldError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  /** The server's name of a field where the form's differs ({password: 'newPassword'}). */
  aliases: Record<string, Path<T>> = {},
): boolean {
  const { t } = useTranslation();
  const named = errorField(error);
  const field = named !== null ? (aliases[named] ?? named) : null;
  const shown = field !== null && (fields as readonly string[]).includes(field);
  useEffect(() => {
    if (!shown || !isApiError(error)) return;
    const message = t(`errors.${error.code}`, { defaultValue: error.message, serverMessage: error.message });
    setError(field as Path<T>, { type: 'server', message }, { shouldFocus: true });
  }, [error, field, setError, shown, t]);
  return shown;
}
