// The README's quick start, run as a new user would: in a fresh clone, `pnpm dev` (which installs
// first) with the OpenAI variables on the command line, then again with them in
// apps/web/.env.local. Asserts the mode line the server logs and /api/health, and that the
// database wrapper honours the same settings as Next.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, freePort, getWhenUp, type RunningCommand, runShell } from './dev-server';
import { freshCopy, repoRoot } from './fresh-copy';

// The README's exact command lines.
const OFFLINE_DEV = 'OPENAI_API_KEY=test OPENAI_BASE_URL=http://127.0.0.1:4010/v1 pnpm dev';
const DEV = 'pnpm dev';

let clone: string;
let running: RunningCommand | undefined;

beforeAll(() => {
  clone = freshCopy();
});

// A test that fails leaves its server running; the next one's `next dev` would refuse to start
// beside it in the same checkout.
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

afterAll(async () => {
  await running?.stop();
  if (clone) rmSync(clone, { recursive: true, force: true });
});

async function expectHealthy(port: number): Promise<void> {
  if (!running) throw new Error('no server');
  const response = await getWhenUp(`http://127.0.0.1:${port}/api/health`, running);
  expect(response.status, running.output()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
}

describe('the README quick start in a fresh clone', () => {
  it('`pnpm dev` with the OpenAI variables on the command line runs with the AI configured', async () => {
    // Ports moved off the defaults (3000, 54329) so the test runs beside a developer's server;
    // they reach the app the way any variable does, through the shell.
    const port = await freePort();
    const postgresPort = await freePort();
    running = runShell(
      OFFLINE_DEV,
      clone,
      cleanEnvironment(repoRoot, {
        PORT: String(port),
        EMBEDDED_POSTGRES_PORT: String(postgresPort),
      }),
    );
    const [modeLine] = await running.waitFor(
      /zatten: auth: [a-z]+, ai: [a-z ]+, realtime: [a-z]+, storage: [a-z]+/,
    );
    expect(modeLine).toBe('zatten: auth: local, ai: configured, realtime: local, storage: disk');
    expect(running.output()).toContain(`database: embedded Postgres (127.0.0.1:${postgresPort}`);
    await expectHealthy(port);
    await running.stop();
    running = undefined;
  });

  it('`pnpm dev` reads the same settings from apps/web/.env.local, the database wrapper included', async () => {
    const port = await freePort();
    const postgresPort = await freePort();
    const dataDir = path.join(clone, 'local-data');
    writeFileSync(
      path.join(clone, 'apps/web/.env.local'),
      [
        'OPENAI_API_KEY=test',
        'OPENAI_BASE_URL=http://127.0.0.1:4010/v1',
        `EMBEDDED_POSTGRES_PORT=${postgresPort}`,
        `ZATTEN_DATA_DIR=${dataDir}`,
        '',
      ].join('\n'),
    );
    running = runShell(DEV, clone, cleanEnvironment(repoRoot, { PORT: String(port) }));
    const [modeLine] = await running.waitFor(
      /zatten: auth: [a-z]+, ai: [a-z ]+, realtime: [a-z]+, storage: [a-z]+/,
    );
    expect(modeLine).toBe('zatten: auth: local, ai: configured, realtime: local, storage: disk');
    // zatten-db started Postgres where .env.local says, and Next keeps its secret there too.
    expect(running.output()).toContain(`database: embedded Postgres (127.0.0.1:${postgresPort}`);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    await expectHealthy(port);
    expect(existsSync(path.join(dataDir, 'session.secret'))).toBe(true);
    await running.stop();
    running = undefined;
  });
});
