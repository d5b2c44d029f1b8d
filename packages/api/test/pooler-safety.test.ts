// Behind a transaction pooler (Supabase's on port 6543, PgBouncer in transaction mode) each
// statement may land on another server connection, so nothing sent on the query pool may rely on
// session state such as a named prepared statement. CI runs the whole suite through PgBouncer;
// this checks the one library that names its statements, on any server.
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { consumeOrRefuse, createRateLimits } from '../src/rate-limits';
import { useApi } from './helpers';

const api = useApi();

describe('the rate limits on the query pool', () => {
  it('send unnamed statements only', async () => {
    const sent: Array<string | pg.QueryConfig> = [];
    const pool = api.database.pool;
    const recording = new Proxy(pool, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return (config: string | pg.QueryConfig, ...rest: unknown[]) => {
          sent.push(config);
          return (target.query as (...args: unknown[]) => unknown)(config, ...rest);
        };
      },
    });
    const limits = createRateLimits(recording, { writesPerMinute: 5 });
    for (let i = 0; i < 3; i++) {
      await consumeOrRefuse(limits.writes, 'user_pooler', () => 'slow down');
    }
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.filter((config) => typeof config === 'object' && config.name)).toEqual([]);
  });
});
