// The server's configuration as the composition root takes it, derived from the one validated
// environment (the web app composes the packages' env pieces), plus the rules across pieces.

import path from 'node:path';
import { type AiConfig, type AiEnv, aiConfigFrom } from '@zatten/ai/env';
import { EnvError } from '@zatten/config';
import type { DatabaseTimeouts } from '@zatten/db';
import { defaultDataDir } from '@zatten/db/env';
import { type ApiEnv, type AuthMode, authMode } from './env';

export interface ServerConfig {
  api: ApiEnv;
  ai: AiConfig;
  authMode: AuthMode;
  databaseUrl: string;
  /** The session connection's URL (LISTEN, the run owner's lock); unset: `databaseUrl`. */
  directUrl?: string;
  /** The query pool: its size and time bounds (unset: the defaults in @zatten/db). */
  pool: { max?: number; timeouts: Partial<DatabaseTimeouts> };
  /** Supabase Realtime settings for the browser (hosted mode); null means the local relay. */
  supabase: { url: string; anonKey: string } | null;
  /** Where attachments are stored (STORAGE_DRIVER; issue 16). */
  storage:
    | { driver: 'disk'; root: string }
    | { driver: 'supabase'; url: string; serviceKey: string; bucket: string };
}

/** What the composed environment holds beyond the api and ai pieces. */
export interface ServerEnv extends ApiEnv, AiEnv {
  DATABASE_URL: string;
  DATABASE_DIRECT_URL?: string | undefined;
  DATABASE_POOL_MAX?: number | undefined;
  DATABASE_CONNECT_TIMEOUT_MS?: number | undefined;
  DATABASE_STATEMENT_TIMEOUT_MS?: number | undefined;
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS?: number | undefined;
  NEXT_PUBLIC_SUPABASE_URL?: string | undefined;
  NEXT_PUBLIC_SUPABASE_ANON_KEY?: string | undefined;
  ZATTEN_DATA_DIR?: string | undefined;
}

function storageSettings(env: ServerEnv): ServerConfig['storage'] {
  if (env.STORAGE_DRIVER === 'disk') {
    return {
      driver: 'disk',
      root: path.join(path.resolve(env.ZATTEN_DATA_DIR ?? defaultDataDir), 'attachments'),
    };
  }
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const serviceKey = env.SUPABASE_SERVICE_ROLE_KEY;
  if (!url || !serviceKey) {
    throw new EnvError([
      {
        variable: url ? 'SUPABASE_SERVICE_ROLE_KEY' : 'NEXT_PUBLIC_SUPABASE_URL',
        message: 'is required when STORAGE_DRIVER is supabase',
      },
    ]);
  }
  return { driver: 'supabase', url, serviceKey, bucket: env.STORAGE_BUCKET };
}

function supabaseSettings(env: ServerEnv): ServerConfig['supabase'] {
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (url && anonKey) return { url, anonKey };
  if (url || anonKey) {
    const missing = url ? 'NEXT_PUBLIC_SUPABASE_ANON_KEY' : 'NEXT_PUBLIC_SUPABASE_URL';
    throw new EnvError([
      { variable: missing, message: 'is required when the other Supabase variable is set' },
    ]);
  }
  return null;
}

export function serverConfigFrom(env: ServerEnv): ServerConfig {
  const supabase = supabaseSettings(env);
  const mode = authMode(env);
  if (supabase && mode !== 'clerk') {
    // Supabase authorizes the private Realtime channel with the Clerk session token.
    throw new EnvError([
      {
        variable: 'NEXT_PUBLIC_SUPABASE_URL',
        message:
          'needs Clerk (CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY): Realtime authorizes the Clerk session token',
      },
    ]);
  }
  return {
    api: env,
    ai: aiConfigFrom(env),
    authMode: mode,
    databaseUrl: env.DATABASE_URL,
    ...(env.DATABASE_DIRECT_URL ? { directUrl: env.DATABASE_DIRECT_URL } : {}),
    pool: {
      ...(env.DATABASE_POOL_MAX ? { max: env.DATABASE_POOL_MAX } : {}),
      timeouts: {
        ...(env.DATABASE_CONNECT_TIMEOUT_MS ? { connectMs: env.DATABASE_CONNECT_TIMEOUT_MS } : {}),
        ...(env.DATABASE_STATEMENT_TIMEOUT_MS
          ? { statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS }
          : {}),
        ...(env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS
          ? { idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS }
          : {}),
      },
    },
    supabase,
    storage: storageSettings(env),
  };
}

/** One line for the start-up log: which mode each concern runs in. */
export function describeModes(config: ServerConfig): string {
  return [
    `auth: ${config.authMode}`,
    `ai: ${config.ai.apiKey ? 'configured' : 'not configured'}`,
    `realtime: ${config.supabase ? 'supabase' : 'local'}`,
    `storage: ${config.storage.driver}`,
  ].join(', ');
}
