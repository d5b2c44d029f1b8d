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
  /** Searches inside messages, per person (each one reads many rows). */
  search: RateLimiterAbstract;
}

function perMinute(pool: pg.Pool, keyPrefix: string, points: number): RateLimiterAbstract {
  return new RateLimiterPostgres({
    storeClient: pool,
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
    searchesPerMinute?: number;
  } = {},
): RateLimits {
  return {
    apiKey: perMinute(pool, 'api_key', options.apiKeyPerMinute ?? 120),
    send: perMinute(pool, 'send', options.sendsPerMinute ?? 20),
    writes: perMinute(pool, 'writes', options.writesPerMinute ?? 120),
    search: perMinute(pool, 'search', options.searchesPerMinute ?? 60),
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
