// A server that stops answering mid-statement (stalled, or a network path that drops packets)
// cancels nothing on its own: the client must bound the wait, fail the transaction as
// "unavailable" (a 503 upstream), and not hand the stuck connection to the next transaction.
import { createServer, Socket } from 'node:net';
import { expect, it } from 'vitest';
import { createDatabase } from '../src/client';
import { listChats } from '../src/queries/chats';
import { isDatabaseUnavailable, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();

/** A TCP proxy to `url` that can stop forwarding (both ways) while keeping its sockets open. */
async function stallProxy(url: string) {
  const target = new URL(url);
  const pairs: [Socket, Socket][] = [];
  let stalled = false;
  const flow = ([a, b]: [Socket, Socket]) => {
    a.pipe(b);
    b.pipe(a);
  };
  const server = createServer((client) => {
    const upstream = new Socket().connect(Number(target.port || 5432), target.hostname);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.push(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (!stalled) flow(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(typeof address === 'object' && address ? address.port : 0);
  return {
    url: proxied.toString(),
    stall() {
      stalled = true;
      for (const [a, b] of pairs) {
        a.unpipe();
        b.unpipe();
        a.pause();
        b.pause();
      }
    },
    resume() {
      stalled = false;
      for (const pair of pairs) flow(pair);
    },
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

it('a server that stalls mid-statement fails the transaction as unavailable, and the pool recovers', async () => {
  await seedUser(ctx.database, 'user_stall');
  const proxy = await stallProxy(ctx.test.url);
  const database = createDatabase(proxy.url, { max: 2, timeouts: { statementMs: 500 } });
  const list = () =>
    withUser(database, 'user_stall', (tx) => listChats(tx, 'user_stall', { limit: 5 }));
  try {
    expect(await list()).toMatchObject({ items: [] }); // a pooled connection, through the proxy
    proxy.stall();
    const error = await list().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    proxy.resume();
    // Sequential transactions on a pool of two: a stuck connection handed back to the pool
    // would make one of them wait behind the stalled statement, or answer with its reply.
    for (let i = 0; i < 4; i++) expect(await list()).toMatchObject({ items: [] });
  } finally {
    await database.close();
    await proxy.close();
  }
});
