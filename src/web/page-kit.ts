// Small pieces shared by the inspection screens: zod fields with Dutch messages, and the form
// state that pages hand to their views (which form failed, its messages, the user's input, and a
// conflicting stored version).
import { z } from 'zod';
import { markdownProblem } from '../domain/markdown-shape';
import type { FieldErrors } from './forms';

export const isoDateOrEmpty = z
  .string()
  .trim()
  .refine((s) => s === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))), 'Vul een geldige datum in (JJJJ-MM-DD).')
  .transform((s) => (s === '' ? null : s));

export const yearField = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'Vul een jaartal in van vier cijfers.')
  .transform(Number)
  .refine((y) => y >= 1990 && y <= 2100, 'Het jaar moet tussen 1990 en 2100 liggen.');

export const versionField = z
  .string()
  .regex(/^\d{1,9}$/, 'Ongeldige versie; laad de pagina opnieuw.')
  .transform(Number);

export const idField = (what: string) => z.string().regex(/^\d{1,12}$/, `Kies ${what}.`).transform(Number);

export const textField = (label: string, max: number, required = false) => {
  // Every long text is markdown somewhere; a shape too costly to render is refused at save.
  const base = z.string().max(max, `${label} mag hoogstens ${max} tekens zijn.`).superRefine((s, c) => {
    const problem = markdownProblem(s);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });
  return required ? base.trim().min(1, `${label} is verplicht.`) : base;
};

/** Checkbox groups arrive as absent, one string or an array. */
export const checkboxes = <T extends z.ZodType>(item: T) =>
  z.preprocess((v): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export interface FormState {
  /** Which form on the page the state belongs to. */
  key: string;
  errors: FieldErrors;
  values: Record<string, unknown>;
  /** The stored version when a save was refused as stale (409). */
  conflict?: unknown;
  message?: string;
}

export const noForm: FormState = { key: '', errors: {}, values: {} };
