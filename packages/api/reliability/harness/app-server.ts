// One server process of the reliability suite: the api package's real handlers for every route
// the web app serves (harness/routes.ts) behind node:http, on the database and OpenAI URL the
// suite gives it, exactly as the web app mounts them. Prints READY once it listens; SIGTERM closes it gracefully, SIGKILL
// is what the fault tests use.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { readAiEnv } from '@zatten/ai';
import { createDatabase, createRealtimeRelay } from '@zatten/db';
import { z } from 'zod';
import { createApiServices, createLogger, readApiEnv } from '../../src/server';
import { matchRoute } from './routes';

const harness = z
  .object({
    DATABASE_URL: z.string().min(1),
    PORT: z.coerce.number().int().min(0),
    RUN_PERSIST_INTERVAL_MS: z.coerce.number().int().min(10).default(250),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
    /** Where the disk store keeps uploads (the object route's files); a temporary directory. */
    RELIABILITY_STORAGE_DIR: z.string().min(1).optional(),
  })
  .parse(process.env);

const logger = createLogger({ service: `reliability:${process.pid}` }, (line) => {
  if (process.env.RELIABILITY_LOG) process.stderr.write(`${line}\n`);
});
const env = readApiEnv(process.env);
const database = createDatabase(harness.DATABASE_URL, {
  onError: () => {},
  timeouts: harness.DATABASE_STATEMENT_TIMEOUT_MS
    ? { statementMs: harness.DATABASE_STATEMENT_TIMEOUT_MS }
    : {},
});
const relay = createRealtimeRelay(database, { onError: () => {} });
const ownStorage = !harness.RELIABILITY_STORAGE_DIR;
const storageRoot =
  harness.RELIABILITY_STORAGE_DIR ??
  mkdtempSync(path.join(os.tmpdir(), 'zatten-reliability-files-'));
const services = createApiServices({
  env,
  ai: readAiEnv(process.env),
  database,
  ownerLock: true,
  relay,
  logger,
  runs: { persistIntervalMs: harness.RUN_PERSIST_INTERVAL_MS },
  storageRoot,
});

let unhandled = 0;
process.on('unhandledRejection', (error) => {
  unhandled++;
  process.stderr.write(`unhandled rejection: ${String(error)}\n`);
});

/**
 * The request body as a web stream that reads the socket only as fast as the handler reads it.
 * What the handler leaves unread (it answered early: 401, 403, 413, 415) is drained once the
 * answer is written, or when the handler cancels the body, as node:http does for a request body
 * nobody reads (`IncomingMessage._dump`): the connection stays usable for the next request. A
 * body left paused instead stalls the socket (the client, still writing, waits on a full TCP
 * window; its next request on that keep-alive socket is never read) until the keep-alive timeout.
 */
function bodyOf(req: http.IncomingMessage): {
  body: ReadableStream<Uint8Array>;
  drain: () => void;
} {
  let draining = false;
  const drain = () => {
    if (draining) return;
    draining = true;
    req.removeAllListeners('data');
    req.on('data', () => {});
    req.resume();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (!draining) controller.close();
        });
        req.on('error', (error) => {
          if (!draining) controller.error(error);
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        drain();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return { body, drain };
}

function toRequest(
  req: http.IncomingMessage,
  signal: AbortSignal,
): { request: Request; drain: () => void } {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const { body, drain } = hasBody ? bodyOf(req) : { body: undefined, drain: () => {} };
  const request = new Request(
    new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`),
    {
      method: req.method,
      headers,
      body,
      signal,
      duplex: 'half',
    } as RequestInit,
  );
  return { request, drain };
}

type Gc = (options?: {
  type: 'major';
  execution: 'sync';
  flavor: 'regular' | 'last-resort';
}) => void;

/**
 * Memory after a full collection (the process runs with --expose-gc): `heapUsed` is then what is
 * still reachable, which is what a leak grows. RSS also counts the V8 pages a collection emptied:
 * V8 keeps them in its page pool for reuse and returns them only on a memory-reducing collection
 * (`reduce`: the last-resort one, as under memory pressure), so RSS after a plain collection stays
 * at the load's high-water however little is reachable. With `snapshot`, a heap snapshot is
 * written to that path too (to count what is held, by constructor, between two moments).
 */
function memoryAfterGc(options: { reduce: boolean; snapshot: string | null }) {
  const gc = (globalThis as { gc?: Gc }).gc;
  gc?.({ type: 'major', execution: 'sync', flavor: options.reduce ? 'last-resort' : 'regular' });
  if (options.snapshot) v8.writeHeapSnapshot(options.snapshot);
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { collected: gc !== undefined, rss, heapUsed, heapTotal, external, arrayBuffers };
}

async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/__harness' && request.method === 'GET') {
    return Response.json({ unhandled, rss: process.memoryUsage().rss });
  }
  if (pathname === '/__harness/memory' && request.method === 'GET') {
    const query = new URL(request.url).searchParams;
    return Response.json(
      memoryAfterGc({ reduce: query.has('reduce'), snapshot: query.get('snapshot') }),
    );
  }
  const found = matchRoute(request.method, pathname);
  if ('status' in found) return new Response(null, { status: found.status });
  return found.entry.handle(request, services, found.params);
}

const server = http.createServer(async (req, res) => {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const { request, drain } = toRequest(req, controller.signal);
  res.on('finish', drain);
  try {
    const response = await route(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) {
      Readable.fromWeb(response.body as never)
        .on('error', () => res.destroy())
        .pipe(res);
    } else res.end();
  } catch (error) {
    process.stderr.write(`handler threw: ${String(error)}\n`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
});

// Longer than any client's idle timeout, so a client never reuses a socket the server is closing
// (that race shows up as ECONNRESET under load and is not the app's doing).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(harness.PORT, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : harness.PORT;
  process.stdout.write(`READY ${port}\n`);
});

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void services
    .close()
    .then(() => relay.close())
    .then(() => database.close())
    .finally(() => {
      if (ownStorage) rmSync(storageRoot, { recursive: true, force: true });
      process.exit(0);
    });
});
