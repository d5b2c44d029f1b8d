// Proves the published package works outside this workspace: `pnpm pack` it, install the tarball
// with npm into a scratch app in a temporary folder (dependencies from the registry), typecheck
// a usage file with tsc (and see wrong inputs refused by the compiler), then run the compiled app
// against a started server: create a chat, stream a reply, receive live events.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { slowReplyText } from '@zatten/ai/testing';
import { startZattenTestServer, type ZattenTestServer } from '@zatten/api/testing';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE = path.resolve(import.meta.dirname, '..');
const REPO = path.resolve(PACKAGE, '..', '..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let server: ZattenTestServer;
let app: string;

async function tsc(project: string) {
  try {
    await run(process.execPath, [TSC, '-p', project], { cwd: app });
    return '';
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

beforeAll(async () => {
  server = await startZattenTestServer(inject('testServer'));
  app = await mkdtemp(path.join(tmpdir(), 'zatten-client-app-'));
  // Bounded steps: a registry that cannot be reached fails the test instead of hanging it.
  await run('pnpm', ['pack', '--pack-destination', app], { cwd: PACKAGE, timeout: 60_000 });
  const tarball = (await readdir(app)).find((name) => name.endsWith('.tgz'));
  const nodeTypes = JSON.parse(
    await readFile(createRequire(import.meta.url).resolve('@types/node/package.json'), 'utf8'),
  ).version;
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'scratch-app',
      private: true,
      type: 'module',
      dependencies: { '@zatten/client': `file:./${tarball}`, '@types/node': nodeTypes },
    }),
  );
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--fetch-retries=1'],
    {
      cwd: app,
      timeout: 150_000,
    },
  );
  await mkdir(path.join(app, 'src'));
  await copyFile(path.join(import.meta.dirname, 'fixtures/app.ts'), path.join(app, 'src/app.ts'));
  await copyFile(
    path.join(import.meta.dirname, 'fixtures/wrong.ts'),
    path.join(app, 'src/wrong.ts'),
  );
  const compilerOptions = {
    target: 'ES2023',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    // The package's declarations are checked too, not trusted.
    skipLibCheck: false,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  };
  await writeFile(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, files: ['src/app.ts'] }),
  );
  await writeFile(
    path.join(app, 'tsconfig.wrong.json'),
    JSON.stringify({
      // Only the usage errors matter here; the first project already checked the declarations.
      compilerOptions: { ...compilerOptions, skipLibCheck: true, noEmit: true },
      files: ['src/wrong.ts'],
    }),
  );
});

afterAll(async () => {
  await server?.close();
  if (app) await rm(app, { recursive: true, force: true });
});

it('installs outside the workspace with no server package', async () => {
  expect(path.relative(REPO, app).startsWith('..')).toBe(true);
  const installed = await readdir(path.join(app, 'node_modules'));
  expect(await readdir(path.join(app, 'node_modules/@zatten'))).toEqual(['client']);
  for (const server of [
    'kysely',
    'pg',
    'postgres',
    'openai',
    'zod',
    '@clerk',
    '@supabase',
    'jose',
  ]) {
    expect(installed).not.toContain(server);
  }
  const manifest = JSON.parse(
    await readFile(path.join(app, 'node_modules/@zatten/client/package.json'), 'utf8'),
  );
  expect(Object.keys(manifest.dependencies).sort()).toEqual([
    '@trpc/client',
    '@trpc/server',
    'eventsource',
  ]);
  // pnpm pack resolved the workspace's catalog versions into real ones.
  expect(JSON.stringify(manifest.dependencies)).not.toMatch(/catalog:|workspace:/);
});

it('typechecks a usage file and refuses wrong inputs at compile time', async () => {
  expect(await tsc('tsconfig.json')).toBe('');
  const errors = await tsc('tsconfig.wrong.json');
  // Both owners at once, an email that is a number, a field that does not exist.
  expect(errors).toMatch(/src\/wrong\.ts\(4,\d+\): error TS\d+/);
  expect(errors).toMatch(/src\/wrong\.ts\(5,\d+\): error TS\d+:[^\n]*number[^\n]*string/);
  expect(errors).toMatch(/src\/wrong\.ts\(6,\d+\): error TS\d+:[^\n]*'text'/);
  expect(errors.match(/error TS/g)).toHaveLength(3);
});

it('creates a chat, streams a reply and receives live events against a real server', async () => {
  await server.seedUser('user_dora', 'dora@example.com');
  const { stdout } = await run(process.execPath, ['dist/app.js'], {
    cwd: app,
    env: {
      ...process.env,
      ZATTEN_URL: server.url,
      ZATTEN_API_KEY: await server.apiKey(),
      ZATTEN_TOKEN: await server.token('user_dora', 'dora@example.com'),
      ZATTEN_EMAIL: 'Dora@Example.com',
    },
    timeout: 60_000,
  });
  const result = JSON.parse(stdout);
  expect(result.chat).toMatchObject({ userId: 'user_dora', title: 'Welcome', source: 'api' });
  expect(result).toMatchObject({ replayed: true, sameChat: true });
  expect(result.streamed).toBe(slowReplyText('Hello there [[slow]]', 40));
  expect(result.deltas).toBeGreaterThan(1);
  expect(result.final).toEqual({
    status: 'complete',
    content: slowReplyText('Hello there [[slow]]', 40),
  });
  const live = result.live as Array<{ table: string; op: string; rowId: string }>;
  expect(live).toContainEqual(
    expect.objectContaining({ table: 'chats', op: 'insert', rowId: result.chat.id }),
  );
  expect(live.filter((e) => e.table === 'messages' && e.op === 'insert')).toHaveLength(2);
  expect(result.refused).toBe('UNAUTHORIZED 401');
});
