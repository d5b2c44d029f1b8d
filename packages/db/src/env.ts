// The settings packages/db needs (its piece of the one configuration, see @zatten/config).
// Nothing else in this package reads process.env.
import { envPiece, type PieceOptions, type RuntimeEnv } from '@zatten/config';
import { z } from 'zod';

export const dbEnvShape = {
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  /**
   * A direct or session-mode connection string for what needs a session (LISTEN, the run owner's
   * lock, migrations), which a transaction pooler cannot carry. Unset: DATABASE_URL.
   */
  DATABASE_DIRECT_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .optional(),
  ZATTEN_DATA_DIR: z.string().min(1).optional(),
  /** Unset: 54329, or a free port when another server holds that one. */
  EMBEDDED_POSTGRES_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(1024, 'must be a port from 1024 to 65535')
    .max(65535, 'must be a port from 1024 to 65535')
    .optional(),
};

const milliseconds = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(100, 'must be at least 100 ms');

/** The query pool and its bounds (defaults in client.ts). */
export const dbPoolShape = {
  /** Connections of the query pool per server process. */
  DATABASE_POOL_MAX: z.coerce.number().int('must be a whole number').min(1).max(100).optional(),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds.optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds.optional(),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds.optional(),
};

const shape = { ...dbEnvShape, ...dbPoolShape };

export type DbEnv = z.output<z.ZodObject<typeof shape>>;

export function readDbEnv(source?: RuntimeEnv, options: Omit<PieceOptions, 'source'> = {}): DbEnv {
  return envPiece(shape, { ...options, source });
}
