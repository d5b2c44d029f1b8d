// Starts one of the README's shell commands in a directory and follows its output, the way a
// person watches a terminal: wait for a line, then ask the server something.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningCommand {
  output(): string;
  /** Why the command ended, or null while it runs. */
  exited(): string | null;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/**
 * The variables a developer's shell would not have: everything this repository reads (so the
 * test's own environment cannot leak into the clone) and what pnpm/turbo/vitest set for their
 * children.
 */
const leaked =
  /^(DATABASE_|TEST_DATABASE_URL|OPENAI_|CLERK_|NEXT_PUBLIC_|SUPABASE_|ZATTEN_|EMBEDDED_POSTGRES_|SESSION_SECRET|APP_URL|ADMIN_EMAILS|PORT$|NODE_ENV|NODE_OPTIONS|TURBO_|VITEST|TEST$|npm_|pnpm_|PNPM_|INIT_CWD|E2E_)/i;

export function cleanEnvironment(
  repoRoot: string,
  extra: Record<string, string>,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!leaked.test(key)) env[key] = value;
  }
  // pnpm puts this checkout's node_modules/.bin on PATH; the clone must find its own tools.
  env.PATH = (env.PATH ?? '')
    .split(':')
    .filter((entry) => !entry.startsWith(repoRoot))
    .join(':');
  return { ...env, ...extra };
}

export function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv): RunningCommand {
  // Its own process group, so stopping it reaches turbo, Next and Postgres alike.
  const child: ChildProcess = spawn('sh', ['-c', command], { cwd, env, detached: true });
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  let exited: string | null = null;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = output.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited (${code ?? signal})`;
      resolve();
    });
  });
  return {
    output: () => output,
    exited: () => exited,
    waitFor(pattern) {
      const match = output.match(pattern);
      if (match) return Promise.resolve(match);
      if (exited) return Promise.reject(new Error(`${command} ${exited}:\n${output}`));
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exit.then(() =>
          reject(new Error(`${command} ${exited} before ${pattern}:\n${output}`)),
        );
      });
    },
    async stop() {
      if (exited || child.pid === undefined) return;
      process.kill(-child.pid, 'SIGINT');
      const killer = setTimeout(() => {
        if (!exited && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      }, 20_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** GET until the server answers (the first request compiles the route in `next dev`). */
export async function getWhenUp(url: string, running: RunningCommand): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url, { signal: AbortSignal.timeout(120_000) });
    } catch (error) {
      const ended = running.exited();
      if (ended)
        throw new Error(`the server ${ended} before answering ${url}:\n${running.output()}`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
