// Secrets that local development needs to keep across restarts (e.g. the key that signs local
// sign-in cookies), created once under the data directory. Never used in production, where the
// secret comes from the environment.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readDbEnv } from '../env';
import { defaultDataDir } from '../paths';

export function readLocalSecret(name: string, env?: Record<string, string | undefined>): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`invalid secret name ${name}`);
  const dir = readDbEnv(env).ZATTEN_DATA_DIR ?? defaultDataDir;
  const file = path.join(dir, `${name}.secret`);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // `wx`: if another process created it first, use theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
