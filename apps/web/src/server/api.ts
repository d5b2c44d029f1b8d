// The API's services (database, realtime relay, assistant runner, rate limits), created once per
// server process and shared by every route handler. In development they survive hot reloads on
// globalThis, so a reload does not open another relay connection.
import { type ApiServices, createApiServices, createLogger } from '@zatten/api/server';
import { createRealtimeRelay } from '@zatten/db';
import { getServerConfig } from './config';
import { getDatabase } from './db';

const holder = globalThis as typeof globalThis & { __zattenApi?: ApiServices };

function createServices(): ApiServices {
  const config = getServerConfig();
  const logger = createLogger({ service: 'zatten-web' });
  // Without Supabase the browser's live updates come from Postgres LISTEN/NOTIFY through this
  // relay (events.user); with Supabase the browser joins Realtime directly.
  const relay = config.supabase
    ? null
    : createRealtimeRelay(config.databaseUrl, {
        onError: (error) => logger.warn('realtime relay error', { error }),
      });
  return createApiServices({
    env: config.api,
    ai: config.ai,
    database: getDatabase(),
    databaseUrl: config.databaseUrl,
    relay,
    logger,
    supabase: config.supabase,
  });
}

export function getApiServices(): ApiServices {
  holder.__zattenApi ??= createServices();
  return holder.__zattenApi;
}
