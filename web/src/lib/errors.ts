import type { TFunction } from 'i18next';
import { isApiError } from './api-client';

/** A message a person can read: translated by the error code, the server's message as fallback. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    // Some translations quote the server's message (it names the holder of a key, for example).
    return t(`errors.${error.code}`, { defaultValue: error.message || t('errors.unknown'), serverMessage: error.message });
  }
  return t('errors.unknown');
}

/** The endpoint is not there (yet): the server answers 404 for an unimplemented route. */
export function isNotImplemented(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.status === 405 || error.status === 501);
}
