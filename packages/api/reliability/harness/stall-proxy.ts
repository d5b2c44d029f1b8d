// A TCP proxy in front of the suite's Postgres that can stall: while stalled, it keeps every
// connection open and accepts new ones but forwards nothing in either direction (a database
// that hangs mid-reply, a network that drops packets). `resume()` lets the bytes flow again.
import { createServer, Socket } from 'node:net';

export interface StallProxy {
  /** The database URL with the proxy's host and port. */
  url: string;
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startStallProxy(databaseUrl: string): Promise<StallProxy> {
  const target = new URL(databaseUrl);
  let stalled = false;
  const pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  const waiting: (() => void)[] = [];

  function connect(client: Socket) {
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    pairs.add(pair);
    const open = () => {
      const upstream = new Socket();
      pair.upstream = upstream;
      upstream.connect(Number(target.port || 5432), target.hostname);
      if (!stalled) flow(pair);
      const end = () => {
        client.destroy();
        upstream.destroy();
        pairs.delete(pair);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    };
    if (stalled) waiting.push(open);
    else open();
  }
  type Pair = { client: Socket; upstream: Socket | null };
  function flow(pair: Pair) {
    if (!pair.upstream) return;
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  }
  function pause(pair: Pair) {
    pair.client.unpipe();
    pair.upstream?.unpipe();
    pair.client.pause();
    pair.upstream?.pause();
  }

  const server = createServer(connect);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    stall() {
      stalled = true;
      for (const pair of pairs) pause(pair);
    },
    resume() {
      stalled = false;
      for (const pair of pairs) flow(pair);
      for (const open of waiting.splice(0)) open();
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
