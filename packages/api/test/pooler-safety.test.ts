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

  it('take a point on another connection when the pooled one was dead (a database restart)', async () => {
    // The first query goes out on a connection the server has closed: it fails without running,
    // as node-postgres reports it. The point must still be taken, once, and the request go on.
    const pool = api.database.pool;
    let attempts = 0;
    const restarted = new Proxy(pool, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return (...args: unknown[]) => {
          attempts++;
          if (attempts === 1)
            return Promise.reject(new Error('Connection terminated unexpectedly'));
          return (target.query as (...rest: unknown[]) => unknown)(...args);
        };
      },
    });
    const limits = createRateLimits(restarted, { writesPerMinute: 1, sendsPerMinute: 5 });
    await consumeOrRefuse(limits.writes, 'user_restart', () => 'slow down');
    expect(attempts).toBe(2);
    // One point taken: the next is over the limit of one.
    await expect(
      consumeOrRefuse(limits.writes, 'user_restart', () => 'slow down'),
    ).rejects.toMatchObject({ code: 'rate_limited' });

    attempts = 0;
    await limits.writeAndSend('user_restart_send');
    expect(attempts).toBe(2);
  });
});
