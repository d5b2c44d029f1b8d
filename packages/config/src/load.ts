// Loads the .env files every process honours, with the library and the order Next.js itself
// uses (@next/env): apps/web/.env.{mode}.local, .env.local (not in test), .env.{mode}, .env.
// A variable already set in the shell always wins. The database wrapper (zatten-db) and the CLIs
// call this before reading any setting, so they see exactly what `next dev`/`next start` see.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';

/** The one directory whose .env files configure the app (Next.js reads them from there). */
export const envDirectory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../apps/web',
);

export interface LoadOptions {
  /** `next dev` reads .env.development*, `next start` .env.production*. */
  mode?: 'development' | 'production' | 'test';
  /** Another directory (tests). */
  directory?: string;
}

/**
 * Merges the .env files into process.env (shell variables untouched) and returns the names of
 * the files read. Safe to call more than once.
 */
export function loadEnvironment(options: LoadOptions = {}): string[] {
  const mode = options.mode ?? currentMode();
  const quiet = { info: () => {}, error: (...args: unknown[]) => console.error(...args) };
  // @next/env picks development files when `dev` is true, and test files when NODE_ENV is test.
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(
    options.directory ?? envDirectory,
    mode === 'development',
    quiet,
  );
  return loadedEnvFiles.map((file) => file.path);
}

function currentMode(): LoadOptions['mode'] {
  const value = process.env.NODE_ENV;
  return value === 'production' || value === 'test' ? value : 'development';
}
