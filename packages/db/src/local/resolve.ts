// Which database the app uses: DATABASE_URL when set, otherwise the embedded Postgres (started on
// demand, with a `zatten` database created on first use).
import path from 'node:path';
import postgres from 'postgres';
import { readDbEnv } from '../env';
import { defaultDataDir } from '../paths';
import { localPostgresUrl, startLocalPostgres } from './embedded';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const LOCAL_DATABASE = 'zatten';

export async function resolveDatabase(
  options: { env?: Record<string, string | undefined>; log?: (line: string) => void } = {},
): Promise<ResolvedDatabase> {
  const env = readDbEnv(options.env);
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const dataDir = path.join(env.ZATTEN_DATA_DIR ?? defaultDataDir, 'postgres');
  const server = await startLocalPostgres({
    dataDir,
    port: env.EMBEDDED_POSTGRES_PORT,
    log: options.log,
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
  return {
    url: localPostgresUrl(env.EMBEDDED_POSTGRES_PORT, LOCAL_DATABASE),
    embedded: true,
    stop: () => server.stop(),
  };
}
