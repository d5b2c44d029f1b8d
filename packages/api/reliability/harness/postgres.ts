// The reliability suite's own Postgres server (embedded, on a port of the suite's range), so the
// fault tests can stop and restart the real server process without touching any shared server.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { migrate } from '@zatten/db';
import { type LocalPostgres, startLocalPostgres } from '@zatten/db/local';
import pg from 'pg';

export const RELIABILITY_PG_PORT = Number(process.env.RELIABILITY_PG_PORT ?? 5377);
const DATA_DIR = `/tmp/zatten-reliability-pg-${RELIABILITY_PG_PORT}`;

export interface SuitePostgres {
  /** A freshly migrated database of this test file's own. */
  url: string;
  /** Stops the server process and starts it again from its data directory. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSuitePostgres(): Promise<SuitePostgres> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  let server: LocalPostgres = await startLocalPostgres({
    dataDir: DATA_DIR,
    port: RELIABILITY_PG_PORT,
  });
  if (!server.owned) {
    throw new Error(`port ${RELIABILITY_PG_PORT} is taken: the suite needs a server of its own`);
  }
  const name = `reliability_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    async restart(downMs = 500) {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await startLocalPostgres({ dataDir: DATA_DIR, port: RELIABILITY_PG_PORT });
    },
    async stop() {
      await server.stop();
      rmSync(DATA_DIR, { recursive: true, force: true });
    },
  };
}
