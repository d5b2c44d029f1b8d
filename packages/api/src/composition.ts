// The composition root: everything a server process needs, built once from its configuration
// (database, realtime relay, rate limits, assistant runner, run manager). The serving app keeps
// only route adapters and the session lookup.
import { createDatabase, createRealtimeRelay } from '@zatten/db';
import { createLogger, type Logger } from './logger';
import type { ServerConfig } from './server-config';
import { type ApiServices, createApiServices } from './services';
import { createSupabaseObjectStore } from './storage/supabase';

export interface ApiServerOptions {
  logger?: Logger;
  /**
   * Keeps the process (a serverless invocation) alive until a reply's run ends; the web app
   * passes Next.js `after()`. Called with the run's completion from within the request that
   * started it.
   */
  keepAlive?: (work: Promise<unknown>) => void;
}

export function createApiServer(config: ServerConfig, options: ApiServerOptions = {}): ApiServices {
  const logger = options.logger ?? createLogger({ service: 'zatten-web' });
  // The process's connection budget: the query pool on DATABASE_URL (a transaction pooler is
  // fine) and one session connection on the direct URL for LISTEN and the run owner's lock.
  const database = createDatabase(config.databaseUrl, {
    ...config.pool,
    directUrl: config.directUrl,
    onError: (error) => logger.warn('database pool error', { error }),
  });
  // Without Supabase the browser's live updates come from Postgres LISTEN/NOTIFY through this
  // relay (events.user); with Supabase the browser joins Realtime directly.
  const relay = config.supabase
    ? null
    : createRealtimeRelay(database, {
        onError: (error) => logger.warn('realtime relay error', { error }),
      });
  const services = createApiServices({
    env: config.api,
    ai: config.ai,
    database,
    // The run-ownership lock is held for the process's life on the session connection.
    ownerLock: true,
    relay,
    logger,
    supabase: config.supabase,
    ...(config.storage.driver === 'supabase'
      ? { storage: createSupabaseObjectStore(config.storage) }
      : { storageRoot: config.storage.root }),
    runs: options.keepAlive ? { keepAlive: options.keepAlive } : undefined,
  });
  return {
    ...services,
    close: async () => {
      await services.close();
      await relay?.close();
      await database.close();
    },
  };
}
