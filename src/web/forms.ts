// Form parsing with zod. Schemas are strict (unknown keys are refused), so status, role,
// version-of-someone-else or ownership can never be smuggled in through a form. On failure the
// route re-renders the form with the messages per field and the user's input, status 400.
import type { ZodType } from 'zod';

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Strip the CSRF field (checked before) and parse. */
export function parseForm<T>(schema: ZodType<T>, body: unknown): FormResult<T> {
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
  delete raw._csrf;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    if (issue.code === 'unrecognized_keys') {
      errors._form = `Onbekende velden: ${(issue as { keys: string[] }).keys.join(', ')}`;
      continue;
    }
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values: raw };
}
