// Starts what a reliability test needs: the suite's Postgres, the OpenAI test server, Clerk keys
// and any number of app server processes (real child processes, so they can be SIGKILLed).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import { APP_URL, CLERK_ISSUER, type ClerkKeys, createClerkKeys } from '../../test/helpers';
import { type SuitePostgres, startSuitePostgres } from './postgres';

const ENTRY = path.join(import.meta.dirname, 'app-server.ts');
const PACKAGE_DIR = path.join(import.meta.dirname, '../..');

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL: the process dies mid-whatever, nothing is closed. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
  /** Peak resident memory seen by `sampleRss`. */
  peakRss: number;
  sampleRss(): Promise<number>;
  unhandledRejections(): Promise<number>;
  /**
   * Memory after a full collection; with `reduce`, after a memory-reducing one (V8 gives back the
   * pages it pooled); with `snapshot`, a heap snapshot is written to that path (app-server.ts).
   */
  memoryAfterGc(options?: { reduce?: boolean; snapshot?: string }): Promise<MemoryAfterGc>;
}

export interface MemoryAfterGc {
  /** False when the process was started without --expose-gc: the figures are then as found. */
  collected: boolean;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface Cluster {
  pg: SuitePostgres;
  openai: OpenAITestServer;
  clerk: ClerkKeys;
  apps: AppProcess[];
  startApp(env?: Record<string, string>): Promise<AppProcess>;
  tokenFor(userId: string): Promise<string>;
  close(): Promise<void>;
}

/** Limits raised so the suite measures behaviour, not the rate limiter (which has its tests). */
const GENEROUS = {
  RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
  RATE_LIMIT_SENDS_PER_MINUTE: '1000000',
  RATE_LIMIT_API_KEY_PER_MINUTE: '1000000',
  MAX_ACTIVE_REPLIES_PER_USER: '1000',
  MAX_STREAMS_PER_USER: '1000',
  RATE_LIMIT_UPLOADS_PER_MINUTE: '1000000',
};

/** The app processes' session secret; the disk store signs its URLs with it (no other set). */
export const SESSION_SECRET = 'reliability-session-secret-reliability';

export async function startCluster(
  options: { openai?: Parameters<typeof startOpenAITestServer>[0] } = {},
): Promise<Cluster> {
  const pg = await startSuitePostgres();
  const openai = await startOpenAITestServer(
    options.openai ?? { tokenDelayMs: 2, slowTokenDelayMs: 25, slowExtraTokens: 60 },
  );
  const clerk = await createClerkKeys();
  const apps: AppProcess[] = [];

  async function startApp(extra: Record<string, string> = {}): Promise<AppProcess> {
    // node itself with tsx's loader (not the tsx CLI, whose extra parent process would survive a
    // SIGKILL meant for the server); --expose-gc lets the harness measure the heap after a
    // collection (app-server.ts), nothing else calls it.
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ENTRY], {
      cwd: PACKAGE_DIR,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: pg.url,
        APP_URL,
        CLERK_ISSUER,
        CLERK_JWT_KEY: clerk.publicKeyPem,
        SESSION_SECRET,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: openai.url,
        ...GENEROUS,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /READY (\d+)/.exec(out);
        if (ready?.[1]) resolve(Number(ready[1]));
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        if (process.env.RELIABILITY_LOG) process.stderr.write(chunk);
      });
      child.on('exit', (code) => reject(new Error(`app server exited ${code}: ${err}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const app: AppProcess = {
      url,
      child,
      peakRss: 0,
      async kill() {
        child.kill('SIGKILL');
        await exited;
      },
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
      async sampleRss() {
        const state = (await (await fetch(`${url}/__harness`)).json()) as { rss: number };
        app.peakRss = Math.max(app.peakRss, state.rss);
        return state.rss;
      },
      async memoryAfterGc(options = {}) {
        const query = new URLSearchParams();
        if (options.reduce) query.set('reduce', '1');
        if (options.snapshot) query.set('snapshot', options.snapshot);
        const response = await fetch(`${url}/__harness/memory?${query}`);
        return (await response.json()) as MemoryAfterGc;
      },
      async unhandledRejections() {
        const state = (await (await fetch(`${url}/__harness`)).json()) as { unhandled: number };
        return state.unhandled;
      },
    };
    apps.push(app);
    return app;
  }

  return {
    pg,
    openai,
    clerk,
    apps,
    startApp,
    tokenFor: (userId) =>
      clerk.sign(
        { sub: userId, email: `${userId}@example.com`, name: userId },
        { expiresIn: Math.floor(Date.now() / 1000) + 4 * 3600 },
      ),
    async close() {
      await Promise.all(apps.map((app) => app.stop()));
      await openai.close();
      await pg.stop();
    },
  };
}
