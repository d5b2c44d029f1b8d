// The settings packages/db needs (its piece of the one configuration, see @zatten/config).
// Nothing else in this package reads process.env.
import { envPiece, type PieceOptions, type RuntimeEnv } from '@zatten/config';
import { z } from 'zod';

export const dbEnvShape = {
  DATABASE_URL: z
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

export type DbEnv = z.output<z.ZodObject<typeof dbEnvShape>>;

export function readDbEnv(source?: RuntimeEnv, options: Omit<PieceOptions, 'source'> = {}): DbEnv {
  return envPiece(dbEnvShape, { ...options, source });
}
