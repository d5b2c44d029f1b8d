import type pg from 'pg';
import {
  type RateLimiterAbstract,
  RateLimiterPostgres,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { DomainError } from './errors';

export interface RateLimits {
  /** REST and service calls, per API key. */
  apiKey: RateLimiterAbstract;
  /** Messages sent, per person. */
  send: RateLimiterAbstract;
  /** Every write (tRPC mutation), per person. */
  writes: RateLimiterAbstract;
  /** Upload URLs issued, per person (issue 16). */
  uploads: RateLimiterAbstract;
  /** Searches inside messages, per person (each one reads many rows). */
  search: RateLimiterAbstract;
}

/**
 * The query pool as rate-limiter-flexible sees it, minus statement names: it names its prepared
 * statements, and a transaction pooler (Supabase's on port 6543, PgBouncer in transaction mode)
 * sends the next query to any server connection, where the name is unknown or already taken.
 * Unnamed statements are prepared per query, as every other query in the pool is.
 */
function unnamed(pool: pg.Pool): Pick<pg.Pool, 'query'> {
  return {
    query: ((config: pg.QueryConfig) =>
      pool.query({ text: config.text, values: config.values })) as pg.Pool['query'],
  };
}

function perMinute(
  client: Pick<pg.Pool, 'query'>,
  keyPrefix: string,
  points: number,
): RateLimiterAbstract {
  return new RateLimiterPostgres({
    storeClient: client,
    storeType: 'pool',
    tableName: 'rate_limits', // created by the migrations
    tableCreated: true,
    keyPrefix,
    points,
    duration: 60,
  });
}

export function createRateLimits(
  pool: pg.Pool,
  options: {
    apiKeyPerMinute?: number;
    sendsPerMinute?: number;
    writesPerMinute?: number;
    uploadsPerMinute?: number;
    searchesPerMinute?: number;
  } = {},
): RateLimits {
  const client = unnamed(pool);
  return {
    apiKey: perMinute(client, 'api_key', options.apiKeyPerMinute ?? 120),
    send: perMinute(client, 'send', options.sendsPerMinute ?? 20),
    writes: perMinute(client, 'writes', options.writesPerMinute ?? 120),
    uploads: perMinute(client, 'uploads', options.uploadsPerMinute ?? 30),
    search: perMinute(client, 'search', options.searchesPerMinute ?? 60),
  };
}

/** Takes one point for `key`, or refuses with TOO_MANY_REQUESTS and the seconds to wait. */
export async function consumeOrRefuse(
  limiter: RateLimiterAbstract,
  key: string,
  message: (retryAfterSeconds: number) => string,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new DomainError('rate_limited', 'rate_limited', message(retryAfter), { retryAfter });
  }
}
