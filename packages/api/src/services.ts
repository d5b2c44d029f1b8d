// Everything a request needs that outlives it: created once per server process (or per test)
// on purpose, and handed to every context.

import { randomBytes } from 'node:crypto';
import { type AiConfig, type AssistantRunner, createAssistantRunner } from '@zatten/ai';
import type { Database, RealtimeRelay } from '@zatten/db';
import pg from 'pg';
import { type ApiKeyCache, createApiKeyCache } from './auth/api-key-cache';
import { type ApiEnv, type AuthMode, authMode } from './env';
import { createLogger, type Logger } from './logger';
import { createRateLimits, type RateLimits } from './rate-limits';
import { RunManager, type RunManagerOptions } from './runs/manager';

export interface ApiServices {
  env: ApiEnv;
  mode: AuthMode;
  database: Database;
  /** The local realtime relay; null in hosted mode, where browsers use Supabase Realtime. */
  relay: RealtimeRelay | null;
  logger: Logger;
  rateLimits: RateLimits;
  /** API keys verified in the last few seconds (auth/api-key-cache.ts). */
  apiKeys: ApiKeyCache;
  /** Signs local sign-in cookies. */
  sessionSecret: string;
  /** The assistant runner (OpenAI); `configured` is false without an API key. */
  ai: AssistantRunner;
  /** Assistant replies running in this process, and following those of others. */
  runs: RunManager;
  /** Resolves once background work (cancel listener, orphan sweep) has started. */
  ready: Promise<void>;
  /** Supabase Realtime settings the browser needs in hosted mode. */
  supabase: { url: string; anonKey: string } | null;
  close(): Promise<void>;
}

export interface ApiServicesOptions {
  env: ApiEnv;
  database: Database;
  databaseUrl: string;
  relay?: RealtimeRelay | null;
  logger?: Logger;
  rateLimits?: { apiKeyPerMinute?: number; sendsPerMinute?: number };
  /** Run tuning (tests shorten the bounds); see RunManagerOptions. */
  runs?: Omit<RunManagerOptions, 'database' | 'ai' | 'logger'>;
  ai?: AiConfig;
  /** A prepared runner (tests); by default one is built from `ai`. */
  runner?: AssistantRunner;
  supabase?: { url: string; anonKey: string } | null;
}

export function createApiServices(options: ApiServicesOptions): ApiServices {
  const logger = options.logger ?? createLogger({ service: 'zatten' });
  // rate-limiter-flexible's Postgres store speaks node-postgres; two connections are plenty.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on('error', (error) => logger.warn('rate limit pool error', { error }));
  const ai = options.runner ?? createAssistantRunner(options.ai ?? {});
  const runs = new RunManager({ database: options.database, ai, logger, ...options.runs });
  const ready = runs.start().catch((error: unknown) => {
    logger.error('run manager failed to start', { error });
  });
  const sessionSecret = options.env.SESSION_SECRET ?? randomBytes(32).toString('hex');
  return {
    env: options.env,
    mode: authMode(options.env),
    database: options.database,
    relay: options.relay ?? null,
    logger,
    rateLimits: createRateLimits(pool, options.rateLimits),
    apiKeys: createApiKeyCache(),
    sessionSecret,
    ai,
    runs,
    ready,
    supabase: options.supabase ?? null,
    close: async () => {
      await ready;
      await runs.close();
      await pool.end();
    },
  };
}
