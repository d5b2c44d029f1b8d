// An API key's rate-limit point for one service call. Every call costs one point, refused ones
// included, and a key over its limit is refused before its input is even read. Most procedures
// take the point up front (`charge`); the REST create takes it inside its own statement instead
// (`terms`, then `settle`), which saves the round trip the limiter would make on its own.
import type { MeterTerms } from '@zatten/db';
import { type RateLimiterAbstract, RateLimiterPostgres } from 'rate-limiter-flexible';
import { consumeOrRefuse, rateLimited } from '../rate-limits';

const refusal = (seconds: number) => `Too many requests for this API key. Retry in ${seconds} s.`;

export interface ApiKeyMeter {
  /** True once this call's point is taken. */
  readonly charged: boolean;
  /** Takes the point through the limiter, or refuses with TOO_MANY_REQUESTS. At most once. */
  charge(): Promise<void>;
  /**
   * The limiter's terms for taking the point in a statement of the caller's (null when the
   * limiter is not the plain Postgres one that statement reproduces: then `charge`).
   */
  terms(): MeterTerms | null;
  /** Records the point a statement took on `terms()`; refuses as `charge` would when over. */
  settle(result: { consumedPoints: number; expire: number | null }): void;
}

/** Whether a statement may take the limiter's point itself: its store, table and plain options. */
function foldable(limiter: RateLimiterAbstract): limiter is RateLimiterPostgres {
  if (!(limiter instanceof RateLimiterPostgres)) return false;
  const store = limiter as RateLimiterPostgres & {
    tableName?: string;
    insuranceLimiter?: unknown;
    inMemoryBlockOnConsumed: number;
    schemaName?: string;
  };
  return (
    store.tableName === 'rate_limits' &&
    !store.schemaName &&
    store.duration > 0 &&
    store.blockDuration === 0 &&
    !store.execEvenly &&
    !store.insuranceLimiter &&
    !store.inMemoryBlockOnConsumed
  );
}

export function apiKeyMeter(limiter: RateLimiterAbstract, apiKeyId: string): ApiKeyMeter {
  let charged = false;
  return {
    get charged() {
      return charged;
    },
    async charge() {
      if (charged) return;
      charged = true;
      await consumeOrRefuse(limiter, apiKeyId, refusal);
    },
    terms() {
      if (charged || !foldable(limiter)) return null;
      return {
        key: limiter.getKey(apiKeyId),
        points: limiter.points,
        msDuration: limiter.duration * 1000,
        now: Date.now(),
      };
    },
    settle({ consumedPoints, expire }) {
      charged = true;
      if (consumedPoints <= limiter.points) return;
      // As rate-limiter-flexible computes msBeforeNext, and refused as consumeOrRefuse refuses.
      throw rateLimited(expire === null ? -1 : expire - Date.now(), refusal);
    },
  };
}
