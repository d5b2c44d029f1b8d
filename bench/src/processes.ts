// Starts the benchmark's servers as child processes (each measured on its own, as a real deployment
// would run it) and stops them. A TypeScript peer prints `ready <url>` once it listens.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(BENCH_DIR, '..');

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Runs `file` (TypeScript, through tsx's loader in the same process) and waits for its URL. */
export function startPeer(
  name: string,
  file: string,
  env: Record<string, string> = {},
): Promise<Child> {
  const require = createRequire(import.meta.url);
  const tsx = require.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, path.join(BENCH_DIR, 'src', file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return waitForLine(name, child, /^ready (\S+)/);
}

/** Runs a command and waits until `url` answers (any status). */
export async function startServer(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; url: string; probe: string },
): Promise<Child> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output}`);
    try {
      await fetch(`${options.url}${options.probe}`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return { name, process: child, pid: child.pid ?? 0, url: options.url, stop: stopper(child) };
}

function waitForLine(name: string, child: ChildProcess, pattern: RegExp): Promise<Child> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        const match = pattern.exec(line.trim());
        if (match?.[1]) {
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve({
            name,
            process: child,
            pid: child.pid ?? 0,
            url: match[1],
            stop: stopper(child),
          });
          return;
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before it was ready`)),
    );
  });
}
