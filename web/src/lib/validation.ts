import { z } from 'zod';

// The server's password rule (PRODUCT R-A, API /setup, /me/password): 12–128 characters.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const passwordLimits = { min: PASSWORD_MIN, max: PASSWORD_MAX };

export const passwordSchema = z.string().min(PASSWORD_MIN, 'validation.passwordLength').max(PASSWORD_MAX, 'validation.passwordLength');

export const emailSchema = z.string().trim().min(1, 'validation.required').email('validation.email');
