// Which database the app uses: DATABASE_URL when set, otherwise the embedded Postgres (started on
// demand, with a `zatten` database created on first use).
import path from 'node:path';
import postgres from 'postgres';
import { readDbEnv } from '../env';
import { defaultDataDir } from '../paths';
import { localPostgresUrl, startLocalPostgres } from './embedded';

export interface ResolvedDatabase {
  url: string;
  /** For sessions (migrations, LISTEN): DATABASE_DIRECT_URL, else the same as `url`. */
  directUrl: string;
  embedded: boolean;
  /** The embedded server's data directory (null with DATABASE_URL). */
  dataDir: string | null;
  stop(): Promise<void>;
}

const LOCAL_DATABASE = 'zatten';
const DEFAULT_EMBEDDED_PORT = 54329;

export async function resolveDatabase(
  options: { env?: Record<string, string | undefined>; log?: (line: string) => void } = {},
): Promise<ResolvedDatabase> {
  const env = readDbEnv(options.env);
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      directUrl: env.DATABASE_DIRECT_URL ?? env.DATABASE_URL,
      embedded: false,
      dataDir: null,
      stop: async () => {},
    };
  }
  const dataDir = path.join(env.ZATTEN_DATA_DIR ?? defaultDataDir, 'postgres');
  const server = await startLocalPostgres({
    dataDir,
    port: env.EMBEDDED_POSTGRES_PORT ?? DEFAULT_EMBEDDED_PORT,
    // A port set on purpose is kept (or refused with a clear line); the default one moves.
    onPortTaken: env.EMBEDDED_POSTGRES_PORT ? 'error' : 'free-port',
    log: options.log,
    notice: (line) => console.log(`database: ${line}`),
  });
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ exists: boolean }[]>`
      select exists (select 1 from pg_database where datname = ${LOCAL_DATABASE}) as exists`;
    if (!row?.exists) {
      await admin.unsafe(`create database ${LOCAL_DATABASE}`).catch((error: unknown) => {
        // Another process created it first.
        if (!(error instanceof postgres.PostgresError && error.code === '42P04')) throw error;
      });
    }
  } finally {
    await admin.end();
  }
  const url = localPostgresUrl(server.port, LOCAL_DATABASE);
  return {
    url,
    directUrl: url,
    embedded: true,
    dataDir,
    stop: () => server.stop(),
  };
}
