// `pnpm bench`: builds the production web app and the minimal Next floor app (BENCH_SKIP_BUILD=1
// reuses them), starts the fake upstream, the benchmark peers and Zatten on a throwaway database,
// runs every benchmark with its baseline interleaved, prints medians, p99 and ratios, and writes
// docs/benchmarks.md. Flags: --full (adds 500 concurrent streams), --only=streaming,rest,...
// Ports: E2E_PORT_BASE (default 5600) + 10..12. Never part of CI; asserts nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApiKey, createDatabase, withService } from '@zatten/db';
import { fanoutBenchmark } from './benchmarks/fanout';
import { listsBenchmark } from './benchmarks/lists';
import { memoryBenchmark } from './benchmarks/memory';
import { restBenchmark } from './benchmarks/rest';
import { type StreamTargets, streamingBenchmark } from './benchmarks/streaming';
import { webBenchmark } from './benchmarks/web';
import { loadAverage, machineSummary } from './machine';
import { notes } from './notes';
import { BENCH_DIR, type Child, REPO_DIR, startPeer, startServer } from './processes';
import { writeReport } from './report';
import type { Section } from './section';
import { createBenchDatabase, mutate, signIn, startZatten } from './zatten';

const args = process.argv.slice(2);
const full = args.includes('--full');
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (id: string) => !only || only.includes(id);
const base = Number(process.env.E2E_PORT_BASE ?? '') || 5600;
const TOKENS = 200;
// One person and chat per concurrent stream (sends are rate-limited per person).
const SEATS = wants('streaming') || wants('memory') ? 500 : 1;

function version(pkg: string, from: string): string {
  try {
    const file = path.join(from, 'node_modules', pkg, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function build() {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  const next = (dir: string) => path.join(dir, 'node_modules/next/dist/bin/next');
  console.log('building apps/web (production) and the Next floor app...');
  const web = path.join(REPO_DIR, 'apps/web');
  execFileSync(process.execPath, [next(web), 'build'], {
    cwd: web,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  execFileSync(process.execPath, [next(BENCH_DIR), 'build'], {
    cwd: path.join(BENCH_DIR, 'next-floor'),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>) {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)),
      )),
    );
  }
  return out;
}

const children: Child[] = [];
// Whatever fails, the servers this run started are stopped (a crash would leave them running).
process.once('uncaughtException', (error) => {
  console.error(error);
  for (const child of children) child.process.kill('SIGTERM');
  process.exit(1);
});

const started = Date.now();
build();
const database = await createBenchDatabase();
const sections: Section[] = [];
try {
  const upstream = await startPeer('upstream', 'peers/upstream.ts', {
    BENCH_TOKENS: String(TOKENS),
    PORT: String(base + 12),
  });
  children.push(upstream);
  const env = { UPSTREAM_URL: upstream.url, DATABASE_URL: database.url };
  const bare = await startPeer('bare relay', 'peers/openai-relay.ts', env);
  const aiSdk = await startPeer('AI SDK relay', 'peers/ai-sdk-relay.ts', env);
  const stored = await startPeer('storing relay', 'peers/storing-relay.ts', env);
  const insert = await startPeer('insert server', 'peers/insert-server.ts', env);
  const listen = await startPeer('listen server', 'peers/listen-server.ts', env);
  children.push(bare, aiSdk, stored, insert, listen);
  const floorUrl = `http://127.0.0.1:${base + 11}`;
  const floor = await startServer(
    'next floor',
    process.execPath,
    [path.join(BENCH_DIR, 'node_modules/next/dist/bin/next'), 'start', '--port', String(base + 11)],
    { cwd: path.join(BENCH_DIR, 'next-floor'), env, url: floorUrl, probe: '/' },
  );
  children.push(floor);
  const zatten = await startZatten({
    databaseUrl: database.url,
    upstreamUrl: upstream.url,
    port: base + 10,
  });
  children.push(zatten.server);

  console.log(`seating ${SEATS} users with a chat each...`);
  const seats = await inBatches(SEATS, 10, async (i) => {
    const user = await signIn(zatten, `bench${i}@example.com`);
    const chat = await mutate<{ id: string }>(zatten, user, 'chat.create', { title: `Bench ${i}` });
    return { user, chatId: chat.id };
  });
  const db = createDatabase(database.url, { max: 2 });
  const apiKeys = await inBatches(300, 10, async () =>
    withService(
      db,
      async (tx) =>
        (await createApiKey(tx, { name: 'bench', scopes: ['chats:create'], createdBy: null })).key,
    ),
  );
  await db.close();
  const first = seats[0];
  if (!first) throw new Error('no seats');
  const streamTargets: StreamTargets = {
    upstream,
    bare,
    aiSdk,
    stored,
    zatten,
    seats,
    tokens: TOKENS,
  };

  if (wants('streaming')) sections.push(await streamingBenchmark(streamTargets, { full }));
  if (wants('rest')) {
    sections.push(
      await restBenchmark({
        zattenUrl: zatten.url,
        bareUrl: insert.url,
        floorUrl,
        userId: first.user.userId,
        apiKeys,
      }),
    );
  }
  if (wants('fanout')) {
    const fanUser = await signIn(zatten, 'fanout@example.com');
    await mutate(zatten, fanUser, 'chat.create', { title: 'Fan-out' });
    sections.push(
      await fanoutBenchmark({
        zatten,
        listen,
        user: fanUser,
        apiKey: apiKeys[0] ?? '',
        subscribers: 1000,
        rounds: 20,
      }),
    );
  }
  if (wants('lists')) {
    const listUser = await signIn(zatten, 'lists@example.com');
    await mutate(zatten, listUser, 'chat.create', { title: 'Lists' });
    sections.push(
      await listsBenchmark({ zatten, user: listUser, databaseUrl: database.url, rounds: 200 }),
    );
  }
  if (wants('web'))
    sections.push(await webBenchmark({ zatten, user: first.user, chatId: first.chatId }));
  if (wants('memory'))
    sections.push(await memoryBenchmark(streamTargets, { streams: 500, settleMs: 60_000 }));

  const header = [
    `Last full run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round((Date.now() - started) / 1000)} s${full ? ' (--full)' : ''}${only ? ` (--only=${only.join(',')})` : ''}. Machine: ${machineSummary()}; load average at the end ${loadAverage()} (the machine is shared, so every number is read against the baseline measured beside it in the same run).`,
    '',
    `Versions: next ${version('next', path.join(REPO_DIR, 'apps/web'))}, @trpc/server ${version('@trpc/server', path.join(REPO_DIR, 'packages/api'))}, openai ${version('openai', BENCH_DIR)}, ai ${version('ai', BENCH_DIR)}, @ai-sdk/openai ${version('@ai-sdk/openai', BENCH_DIR)}, pg ${version('pg', BENCH_DIR)}, autocannon ${version('autocannon', BENCH_DIR)}; PostgreSQL from ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'the embedded server'}.`,
    '',
    'Run `pnpm bench` (add `--full` for 500 concurrent streams, `--only=streaming,rest,fanout,lists,web,memory` for some; `BENCH_SKIP_BUILD=1` reuses the builds). The database benchmarks of packages/db/bench print to the console in the same run.',
  ].join('\n');
  writeReport(only ? null : header, sections, notes);
} finally {
  for (const child of children.reverse()) await child.stop();
  await database.close();
}
process.exit(0);
