// The environment packages/db needs, validated once. Nothing else in this package reads
// process.env.
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .optional(),
  ZATTEN_DATA_DIR: z.string().min(1).optional(),
  /** Unset: 54329, or a free port when another server holds that one. */
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
});

export type DbEnv = z.infer<typeof schema>;

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.safeParse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    ZATTEN_DATA_DIR: source.ZATTEN_DATA_DIR || undefined,
    EMBEDDED_POSTGRES_PORT: source.EMBEDDED_POSTGRES_PORT || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
