// Configuration from flags and environment, validated once at start; a bad value stops the
// start with a message that names it.
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  dataDir: z.string().min(1),
  criteriaDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Set when served behind HTTPS, so session cookies get the Secure flag. */
  secureCookies: z.boolean(),
});
export type Config = z.infer<typeof schema>;

export function resolveConfig(flags: { data?: string; criteria?: string; port?: string | number; host?: string }, env = process.env): Config {
  const result = schema.safeParse({
    dataDir: path.resolve(flags.data ?? env.TOETSING_DATA ?? 'data'),
    criteriaDir: path.resolve(flags.criteria ?? env.TOETSING_CRITERIA ?? path.resolve(__dirname, '..', 'criteria')),
    port: flags.port ?? env.PORT ?? 3000,
    host: flags.host ?? env.TOETSING_HOST ?? '127.0.0.1',
    secureCookies: env.TOETSING_SECURE_COOKIES === '1' || env.TOETSING_SECURE_COOKIES === 'true',
  });
  if (!result.success) {
    const i = result.error.issues[0];
    throw new Error(`Ongeldige instelling '${i.path.join('.')}': ${i.message}`);
  }
  return result.data;
}
