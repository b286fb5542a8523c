// Commander hands an action its arguments and options untyped. Every action takes them through
// zod schemas first (typedAction), so a command works with checked, typed values, and a wrong
// value stops it before any work with a Dutch message at its option (an `invalid`, exit 2).
import type { Command } from 'commander';
import { z, ZodType } from 'zod';
import { invalid } from '../errors';

/** --data and --criteria, which every command that opens the data folder has (see withDataOption). */
export const dataOptions = z.object({ data: z.string().optional(), criteria: z.string().optional() });

export type DataOptions = z.infer<typeof dataOptions>;

/** A command whose only option is --json, besides the data folder. */
export const jsonOptions = dataOptions.extend({ json: z.boolean().optional() });

/** Commands without positional arguments. */
export const noArguments = z.tuple([]);

/** One positional argument: an inspection's number or key, a file, a folder. */
export const oneArgument = z.tuple([z.string()]);

/** `passwordStdin` → `--password-stdin`, as the user typed it. */
const optionName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function checked<T>(schema: ZodType<T>, raw: unknown, nameOf: (key: PropertyKey | undefined) => string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue.path[0];
  const name = nameOf(key);
  // Commander already gives strings and booleans, so a type error is the schema's own fault; the
  // schemas' refinements carry their own Dutch message.
  const message = issue.code === 'invalid_type' ? `Ongeldige waarde voor ${name}.` : issue.message;
  throw invalid(message, typeof key === 'string' ? key : undefined);
}

/** The action of a command: its arguments and options parsed by the schemas, then `run`. */
export function typedAction<A extends unknown[], O>(
  schemas: { args: ZodType<A>; options: ZodType<O> },
  run: (args: A, options: O) => void | Promise<void>,
) {
  return function (this: Command): void | Promise<void> {
    const argNames = this.registeredArguments.map((a) => `<${a.name()}>`);
    const args = checked(schemas.args, this.processedArgs, (i) => (typeof i === 'number' ? argNames.at(i) : undefined) ?? 'argument');
    const options = checked(schemas.options, this.opts(), (key) => (typeof key === 'string' ? optionName(key) : 'optie'));
    return run(args, options);
  };
}
