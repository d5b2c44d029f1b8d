// Zatten as it ships: the production build of apps/web under `next start`, on a throwaway
// database, local sign-in, the fake upstream as its OpenAI. Helpers speak tRPC's HTTP wire format.
import path from 'node:path';
import { createTestDatabase, startTestServer, type TestDatabase } from '@zatten/db/testing';
import { call } from './http';
import { type Child, REPO_DIR, startServer } from './processes';

export interface Zatten {
  server: Child;
  url: string;
}

export async function createBenchDatabase(): Promise<TestDatabase & { close(): Promise<void> }> {
  const server = await startTestServer();
  const database = await createTestDatabase(server);
  return {
    ...database,
    close: async () => {
      await database.drop();
      await server.teardown();
    },
  };
}

export async function startZatten(options: {
  databaseUrl: string;
  upstreamUrl: string;
  port: number;
}): Promise<Zatten> {
  const url = `http://127.0.0.1:${options.port}`;
  const webDir = path.join(REPO_DIR, 'apps/web');
  const server = await startServer(
    'zatten',
    process.execPath,
    [path.join(webDir, 'node_modules/next/dist/bin/next'), 'start', '--port', String(options.port)],
    {
      cwd: webDir,
      url,
      probe: '/api/health',
      env: {
        PORT: String(options.port),
        DATABASE_URL: options.databaseUrl,
        // The production build with local sign-in allowed, as the end-to-end suite runs it.
        NODE_ENV: 'test',
        LOCAL_SIGN_IN: '1',
        // The bench's own pool size (the default, 10, belongs to the connection budget, issue 10):
        // at 200 concurrent sends in a CPU-bound process, 10 connections queue sends past the
        // 5 s checkout bound and they fail with 503. BENCH_POOL_MAX overrides it.
        DATABASE_POOL_MAX: process.env.BENCH_POOL_MAX ?? '30',
        // The fan-out benchmark opens 1,000 events.user streams of one person (default cap 20).
        MAX_STREAMS_PER_USER: '2000',
        APP_URL: url,
        SESSION_SECRET: 'bench-session-secret-that-is-at-least-32-chars',
        OPENAI_API_KEY: 'bench',
        OPENAI_BASE_URL: options.upstreamUrl,
        CLERK_SECRET_KEY: '',
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '',
        NEXT_PUBLIC_SUPABASE_URL: '',
        NEXT_PUBLIC_SUPABASE_ANON_KEY: '',
        // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
        ...(process.env.BENCH_CPU_PROF
          ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` }
          : {}),
      },
    },
  );
  return { server, url };
}

export interface BenchUser {
  userId: string;
  cookie: string;
  /** The app's origin: writes from elsewhere are refused as cross-site. */
  origin: string;
}

export async function signIn(zatten: Zatten, email: string): Promise<BenchUser> {
  const reply = await call('POST', `${zatten.url}/api/auth/local`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', email }),
  });
  if (reply.status !== 200) throw new Error(`sign-in answered ${reply.status}: ${reply.text}`);
  const setCookie = reply.headers['set-cookie']?.[0] ?? '';
  return {
    userId: (JSON.parse(reply.text) as { userId: string }).userId,
    cookie: setCookie.split(';')[0] ?? '',
    origin: zatten.url,
  };
}

function trpcHeaders(user: BenchUser): Record<string, string> {
  return { cookie: user.cookie, 'content-type': 'application/json', origin: user.origin };
}

export async function mutate<T>(
  zatten: Zatten,
  user: BenchUser,
  path: string,
  input: unknown,
): Promise<T> {
  const reply = await call('POST', `${zatten.url}/api/trpc/${path}`, {
    headers: trpcHeaders(user),
    body: JSON.stringify(input),
  });
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
  return (JSON.parse(reply.text) as { result: { data: T } }).result.data;
}

export function queryUrl(zatten: Zatten, path: string, input: unknown): string {
  return `${zatten.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

export async function query<T>(
  zatten: Zatten,
  user: BenchUser,
  path: string,
  input: unknown,
): Promise<T> {
  const reply = await call('GET', queryUrl(zatten, path, input), { headers: trpcHeaders(user) });
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${reply.text}`);
  return (JSON.parse(reply.text) as { result: { data: T } }).result.data;
}

export { trpcHeaders };
