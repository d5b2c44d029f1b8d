import { queryOnLiveConnection } from '@zatten/db';
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
  /**
   * A send's two points, the person's write and their send, in one round trip (a send pays
   * both; two upserts cost a round trip each). Refuses exactly as `writes` then `send` would.
   */
  writeAndSend(userId: string): Promise<void>;
}

export const WRITES_REFUSED = (seconds: number) =>
  `You are making changes too fast. Try again in ${seconds} s.`;
export const SENDS_REFUSED = (seconds: number) =>
  `You are sending messages too fast. Try again in ${seconds} s.`;

/**
 * The query pool as rate-limiter-flexible sees it, minus statement names: it names its prepared
 * statements, and a transaction pooler (Supabase's on port 6543, PgBouncer in transaction mode)
 * sends the next query to any server connection, where the name is unknown or already taken.
 * Unnamed statements are prepared per query, as every other query in the pool is. A point is
 * taken again on another connection when the one it went out on was dead (after a database
 * restart): the first request after it would fail otherwise. In the rare case where the first
 * attempt ran just before its socket closed, that request costs two points.
 */
function unnamed(pool: pg.Pool): Pick<pg.Pool, 'query'> {
  return {
    query: ((config: pg.QueryConfig) =>
      queryOnLiveConnection(pool, {
        text: config.text,
        values: config.values,
      })) as pg.Pool['query'],
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
  const send = perMinute(client, 'send', options.sendsPerMinute ?? 20);
  const writes = perMinute(client, 'writes', options.writesPerMinute ?? 120);
  return {
    apiKey: perMinute(client, 'api_key', options.apiKeyPerMinute ?? 120),
    send,
    writes,
    uploads: perMinute(client, 'uploads', options.uploadsPerMinute ?? 30),
    search: perMinute(client, 'search', options.searchesPerMinute ?? 60),
    writeAndSend: (userId) =>
      consumeInOrder(client, [
        { limiter: writes, key: userId, message: WRITES_REFUSED },
        { limiter: send, key: userId, message: SENDS_REFUSED },
      ]),
  };
}

interface Point {
  limiter: RateLimiterAbstract;
  key: string;
  message: (retryAfterSeconds: number) => string;
}

/**
 * rate-limiter-flexible's upsert (RateLimiterPostgres#_upsert, one point, the same rows) for two
 * limits in one statement: the second point is taken only when the first was within its limit,
 * as two `consume` calls in a row would (a refused write costs no send). A point over the limit
 * is still counted, as the library counts it.
 */
async function consumeInOrder(
  client: Pick<pg.Pool, 'query'>,
  [first, second]: [Point, Point],
): Promise<void> {
  const now = Date.now();
  // `rows` is what is inserted (key, one point, expiry); `expire` the new expiry's parameter.
  const upsert = (rows: string, expire: string) => `insert into public.rate_limits ${rows}
      on conflict (key) do update set
        points = case when rate_limits.expire <= $5::bigint then 1 else rate_limits.points + 1 end,
        expire = case when rate_limits.expire <= $5::bigint then ${expire} else rate_limits.expire end
      returning points, expire`;
  const result = await client.query<{
    first_points: number;
    first_expire: string;
    second_points: number | null;
    second_expire: string | null;
  }>({
    text: `with first as (${upsert('values ($1, 1, $2::bigint)', '$2::bigint')}),
      second as (${upsert('select $3::varchar, 1, $4::bigint from first where first.points <= $6::integer', '$4::bigint')})
      select first.points as first_points, first.expire as first_expire,
        second.points as second_points, second.expire as second_expire
      from first left join second on true`,
    values: [
      first.limiter.getKey(first.key),
      now + first.limiter.duration * 1000,
      second.limiter.getKey(second.key),
      now + second.limiter.duration * 1000,
      now,
      first.limiter.points,
    ],
  });
  const row = result.rows[0];
  if (!row) throw new Error('the rate limit upsert returned no row');
  const refuse = (point: Point, expire: string | null) =>
    rateLimited(Number(expire ?? 0) - Date.now(), point.message);
  if (row.first_points > first.limiter.points) throw refuse(first, row.first_expire);
  if ((row.second_points ?? 0) > second.limiter.points) throw refuse(second, row.second_expire);
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
    throw rateLimited(error.msBeforeNext, message);
  }
}

/** The refusal of a point over its limit: the seconds until the window ends, at least one. */
export function rateLimited(
  msBeforeNext: number,
  message: (retryAfterSeconds: number) => string,
): DomainError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError('rate_limited', 'rate_limited', message(retryAfter), { retryAfter });
}
