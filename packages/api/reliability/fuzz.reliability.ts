// Fuzz over HTTP: property-based inputs (fast-check) against every tRPC procedure of appRouter and
// every REST route, as an anonymous caller, a signed-in person and an API key. Wrong types, huge
// and deeply nested values, invalid UTF-8, control characters, lone surrogates, SQL and HTML
// payloads, unknown fields. No case may get a 5xx; every 4xx must explain itself (a tRPC error
// with a code and message, or a problem document); accepted text must be stored exactly.
import http from 'node:http';
import { createApiKey, createDatabase, withService } from '@zatten/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { type AppProcess, type Cluster, startCluster } from './harness/cluster';
import { percentile, recordFigures } from './harness/figures';
import { bearer, dataOf, trpcQuery } from './harness/http';

const CASES = Number(process.env.RELIABILITY_FUZZ_CASES ?? 10_000);
const CONCURRENCY = 8;
const SEED = Number(process.env.RELIABILITY_FUZZ_SEED ?? Date.now() % 2 ** 31);

let cluster: Cluster;
let app: AppProcess;
let userToken: string;
let apiKey: string;
let chatId: string;
let replyId: string;

beforeAll(async () => {
  cluster = await startCluster();
  app = await cluster.startApp();
  userToken = await cluster.tokenFor('user_fuzz');
  const database = createDatabase(cluster.pg.url);
  try {
    apiKey = (
      await withService(database, (tx) =>
        createApiKey(tx, { name: 'fuzz', scopes: ['chats:create', 'chats:read'], createdBy: null }),
      )
    ).key;
  } finally {
    await database.close();
  }
  const created = await fetch(`${app.url}/api/trpc/chat.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(userToken) },
    body: '{}',
  });
  chatId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
  const sent = await fetch(`${app.url}/api/trpc/message.send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(userToken) },
    body: JSON.stringify({ chatId, content: 'seed' }),
  });
  replyId = ((await sent.json()) as { result: { data: { assistantMessage: { id: string } } } })
    .result.data.assistantMessage.id;
});
afterAll(() => cluster?.close());

// --- what the fuzzer sends -------------------------------------------------------------------

const nasty = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\u202E',
  '\u2066',
  '\uD800',
  '\uDC00',
  '\uFEFF',
  "'; drop table chats; --",
  '<script>alert(1)</script>',
  '%00',
  '{{7*7}} #{7*7}',
  '../../etc/passwd',
  '\r\n',
  '\t',
  '😀',
  'שלום',
);
/** Strings of any UTF-16 code units, with nasty pieces mixed in. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 40,
  }),
  fc
    .array(fc.oneof(nasty, fc.string({ maxLength: 8 })), { maxLength: 8 })
    .map((parts) => parts.join('')),
  { weight: 1, arbitrary: fc.integer({ min: 199, max: 40_000 }).map((n) => 'x'.repeat(n)) },
);
const uuid = fc.oneof(fc.uuid(), fc.constant('00000000-0000-4000-8000-000000000000'));
const deep = fc.integer({ min: 50, max: 400 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
});
const value: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  uuid,
  fc.array(text, { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 4 }),
  deep,
);

/** A plausible input for a procedure: known field names with fuzzed values, plus unknown fields. */
const input = fc.oneof(
  { weight: 1, arbitrary: value },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        id: fc.oneof(uuid, value),
        chatId: fc.oneof(uuid, value),
        messageId: fc.oneof(uuid, value),
        title: fc.oneof(text, value),
        content: fc.oneof(text, value),
        name: fc.oneof(text, value),
        cursor: fc.oneof(text, fc.base64String(), value),
        lastEventId: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 21n }).map(String), text, value),
        limit: fc.oneof(fc.integer(), value),
        search: fc.oneof(text, value),
        userId: fc.oneof(text, value),
        email: fc.oneof(text, fc.emailAddress(), value),
        assistantId: fc.oneof(uuid, value),
        scopes: fc.oneof(fc.array(text, { maxLength: 3 }), value),
        chat: fc.oneof(fc.record({ userId: text, title: text }), value),
        idempotencyKey: fc.oneof(text, value),
        clientMessageId: fc.oneof(uuid, value),
        unknownField: value,
      },
      { requiredKeys: [] },
    ),
  },
);

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

type Who = 'anonymous' | 'user' | 'apiKey';
const who = fc.constantFrom<Who>('anonymous', 'user', 'user', 'apiKey');

type Case =
  | { kind: 'trpc'; path: string; type: string; who: Who; input: unknown; batch: boolean }
  | { kind: 'raw'; path: string; who: Who; body: Uint8Array }
  | { kind: 'rest-create'; who: Who; body: unknown; contentType: string; key: string | null }
  | { kind: 'rest-get'; who: Who; id: string };

const rawBody = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.constant(new Uint8Array([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28])),
  fc.string().map((s) => new TextEncoder().encode(`{"title":"${s}`)),
  fc
    .integer({ min: 3 * 1024 * 1024, max: 3 * 1024 * 1024 + 10 })
    .map((n) => new Uint8Array(n).fill(0x61)),
);

/** Well-formed writes whose text is fuzzed: these get accepted, and storage is checked. */
const textWrite: fc.Arbitrary<Case> = fc.oneof(
  fc.record({ title: text }).map((input) => ({
    kind: 'trpc' as const,
    path: 'chat.create',
    type: 'mutation',
    who: 'user' as Who,
    input,
    batch: false,
  })),
  fc.record({ title: text }).map((input) => ({
    kind: 'trpc' as const,
    path: 'chat.rename',
    type: 'mutation',
    who: 'user' as Who,
    input: { ...input, id: '' },
    batch: false,
  })),
  fc.record({ title: text }).map(({ title }) => ({
    kind: 'rest-create' as const,
    who: 'apiKey' as Who,
    body: { userId: 'user_fuzz', title },
    contentType: 'application/json',
    key: null,
  })),
);

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  { weight: 2, arbitrary: textWrite },
  {
    weight: 8,
    arbitrary: fc
      .record({
        kind: fc.constant('trpc' as const),
        procedure: fc.constantFrom(...procedures),
        who,
        input,
        batch: fc.boolean(),
      })
      .map(({ procedure, ...rest }) => ({ ...rest, path: procedure.path, type: procedure.type })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      path: fc.constantFrom(
        ...procedures.map((p) => p.path),
        'nope.nothing',
        'chat.create,chat.list',
      ),
      who,
      body: rawBody,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rest-create' as const),
      who,
      body: fc.oneof(
        value,
        fc.record(
          {
            userId: fc.oneof(fc.constant('user_fuzz'), text, value),
            title: fc.oneof(text, value),
            email: fc.oneof(fc.emailAddress(), value),
            assistantId: fc.oneof(uuid, value),
            extra: value,
          },
          { requiredKeys: [] },
        ),
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/merge-patch+json',
        '',
      ),
      key: fc.option(fc.oneof(text, fc.uuid()), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rest-get' as const),
      who,
      id: fc.oneof(
        uuid,
        text.filter((t) => t.length > 0),
      ),
    }),
  },
);

function describeCase(c: Case): string {
  try {
    return JSON.stringify(c).slice(0, 300);
  } catch {
    return `${c.kind} ${'path' in c ? c.path : ''} (too deep to print)`;
  }
}

// --- how a case is judged ----------------------------------------------------------------------

interface Verdict {
  status: number;
  ok: boolean;
  why?: string;
  accepted?: { check: () => Promise<string | null> };
}

function auth(w: Who): Record<string, string> {
  if (w === 'user') return bearer(userToken);
  if (w === 'apiKey') return bearer(apiKey);
  return {};
}

/** A tRPC error body: a message and a code (the reason, when there is one, is in data). */
function explainsItself(body: unknown): boolean {
  const items = Array.isArray(body) ? body : [body];
  return items.every((item) => {
    const error = (item as { error?: { message?: unknown; data?: { code?: unknown } } })?.error;
    if (!error) return true; // a successful member of a batch
    return (
      typeof error.message === 'string' &&
      error.message.length > 0 &&
      typeof error.data?.code === 'string'
    );
  });
}

async function readSome(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  let text = '';
  const decoder = new TextDecoder();
  const stop = setTimeout(() => void reader.cancel(), 150);
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      text += decoder.decode(chunk, { stream: true });
      if (
        /event: (serialized-error|return)|\ndata: /.test(text) &&
        !text.endsWith('event: connected\n')
      )
        break;
      if (text.length > 100_000) break;
    }
  } catch {
    // cancelled after the window: a live stream is fine
  } finally {
    clearTimeout(stop);
    await reader.cancel().catch(() => {});
  }
  return text;
}

async function run(c: Case): Promise<Verdict> {
  const base = app.url;
  if (c.kind === 'trpc') {
    const inputJson = JSON.stringify(c.batch ? { 0: c.input } : c.input) ?? 'null';
    const url = `${base}/api/trpc/${c.path}${c.batch ? '?batch=1' : ''}`;
    let response: Response;
    if (c.type === 'mutation') {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(c.who) },
        body: inputJson,
      });
    } else {
      const joiner = c.batch ? '&' : '?';
      let encoded: string;
      try {
        encoded = encodeURIComponent(inputJson);
      } catch {
        return { status: 0, ok: true }; // a lone surrogate cannot travel in a URL (UTF-8)
      }
      const query = `${url}${joiner}input=${encoded}`;
      // Node's HTTP server refuses request heads over 16 KiB (431) before the app sees them.
      if (query.length > 8_000) return { status: 0, ok: true };
      response = await fetch(query, {
        headers: {
          ...(c.type === 'subscription' ? { accept: 'text/event-stream' } : {}),
          ...auth(c.who),
        },
      });
    }
    if (
      c.type === 'subscription' &&
      response.headers.get('content-type')?.includes('text/event-stream')
    ) {
      const text = await readSome(response);
      if (/"code":"INTERNAL_SERVER_ERROR"/.test(text))
        return { status: 500, ok: false, why: `stream error: ${text.slice(0, 300)}` };
      return { status: response.status, ok: true };
    }
    const text = await response.text();
    if (response.status >= 500)
      return { status: response.status, ok: false, why: text.slice(0, 300) };
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: response.status, ok: false, why: `not JSON: ${text.slice(0, 200)}` };
    }
    if (/"code":"INTERNAL_SERVER_ERROR"/.test(text))
      return { status: 500, ok: false, why: text.slice(0, 300) };
    if (response.status >= 400 && !explainsItself(body))
      return { status: response.status, ok: false, why: text.slice(0, 300) };
    const accepted = acceptedCheck(c, body);
    return { status: response.status, ok: true, accepted };
  }
  if (c.kind === 'raw') {
    let response: Response;
    try {
      response = await fetch(`${base}/api/trpc/${c.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(c.who) },
        body: c.body,
      });
    } catch (error) {
      // A body over the cap is refused (413) before it is read; the client, still writing it,
      // may see the connection close instead of the answer. That is the refusal working.
      if (c.body.byteLength > 2 * 1024 * 1024) return { status: 413, ok: true };
      throw error;
    }
    const text = await response.text();
    if (response.status >= 500 || /"code":"INTERNAL_SERVER_ERROR"/.test(text))
      return { status: 500, ok: false, why: text.slice(0, 300) };
    return { status: response.status, ok: true };
  }
  if (c.kind === 'rest-create') {
    const headers: Record<string, string> = { ...auth(c.who) };
    if (c.contentType) headers['content-type'] = c.contentType;
    if (c.key !== null) {
      // A header value must be a ByteString; the fuzzer sends what fetch can carry.
      if (/^[\x20-\x7e]*$/.test(c.key) && c.key.length < 8_000) headers['idempotency-key'] = c.key;
    }
    const response = await fetch(`${base}/api/v1/chats`, {
      method: 'POST',
      headers,
      body: JSON.stringify(c.body) ?? 'null',
    });
    return judgeRest(response, c);
  }
  let path: string;
  try {
    path = `${base}/api/v1/chats/${encodeURIComponent(c.id)}`;
  } catch {
    return { status: 0, ok: true }; // a lone surrogate cannot travel in a URL (UTF-8)
  }
  if (path.length > 8_000) return { status: 0, ok: true };
  const response = await fetch(path, {
    headers: auth(c.who),
  });
  return judgeRest(response, c);
}

async function judgeRest(response: Response, c: Case): Promise<Verdict> {
  const text = await response.text();
  if (response.status >= 500)
    return { status: response.status, ok: false, why: text.slice(0, 300) };
  if (response.status >= 400) {
    const problem = (() => {
      try {
        return JSON.parse(text) as { type?: unknown; title?: unknown; status?: unknown };
      } catch {
        return null;
      }
    })();
    const isProblem =
      response.headers.get('content-type') === 'application/problem+json' &&
      typeof problem?.type === 'string' &&
      typeof problem.title === 'string' &&
      problem.status === response.status;
    return isProblem
      ? { status: response.status, ok: true }
      : {
          status: response.status,
          ok: false,
          why: `not a problem document: ${text.slice(0, 200)}`,
        };
  }
  if (c.kind === 'rest-create' && response.status === 201) {
    const chat = JSON.parse(text) as { id: string; title: string };
    const sentTitle = (c.body as { title?: unknown }).title;
    return {
      status: 201,
      ok: true,
      accepted: {
        check: async () => {
          if (typeof sentTitle !== 'string') return 'accepted a non-string title';
          const stored = dataOf<{ title: string }>(
            await readBack('chat.get', { id: chat.id }),
          ).title;
          return stored === sentTitle.trim()
            ? null
            : `stored ${JSON.stringify(stored)} for ${JSON.stringify(sentTitle)}`;
        },
      },
    };
  }
  return { status: response.status, ok: true };
}

/** A read of what was stored, sent again when the transport resets it (as cases are). */
async function readBack(path: string, input: unknown, left = 3): ReturnType<typeof trpcQuery> {
  try {
    return await trpcQuery(app.url, path, input, userToken);
  } catch (error) {
    if (left === 0) throw error;
    return readBack(path, input, left - 1);
  }
}

/** For accepted writes of text: what is stored must be exactly what was accepted. */
function acceptedCheck(c: Extract<Case, { kind: 'trpc' }>, body: unknown): Verdict['accepted'] {
  const data = (Array.isArray(body) ? body[0] : body) as {
    result?: { data?: Record<string, unknown> };
  };
  const result = data?.result?.data;
  if (!result || c.who !== 'user') return undefined;
  const sent = c.input as Record<string, unknown>;
  if (c.path === 'chat.rename' && typeof sent?.title === 'string') {
    // Renames of the shared chat race each other: the row the UPDATE returned is what it stored.
    const title = result.title;
    return {
      check: async () =>
        title === (sent.title as string).trim()
          ? null
          : `stored ${JSON.stringify(title)} for ${JSON.stringify(sent.title)}`,
    };
  }
  if (c.path === 'chat.create' && typeof sent?.title === 'string') {
    const id = result.id as string;
    return {
      check: async () => {
        const stored = dataOf<{ title: string }>(await readBack('chat.get', { id })).title;
        return stored === (sent.title as string).trim()
          ? null
          : `stored ${JSON.stringify(stored)} for ${JSON.stringify(sent.title)}`;
      },
    };
  }
  if (c.path === 'message.send' && typeof sent?.content === 'string') {
    const id = (result.userMessage as { id: string }).id;
    return {
      check: async () => {
        const stored = dataOf<{ content: string }>(await readBack('message.get', { id })).content;
        return stored === sent.content ? null : 'message content changed on the way in';
      },
    };
  }
  return undefined;
}

describe('fuzz', () => {
  // Its own bound, proportional to the cases (a loaded machine answers slowly).
  const timeout = Math.max(240_000, CASES * 150);
  it(
    `${CASES} cases over HTTP: no 5xx, every 4xx explained, accepted text stored exactly`,
    async () => {
      // Known-good ids make valid-looking inputs reach deep into the procedures.
      const cases = fc.sample(caseArb, { numRuns: CASES, seed: SEED }).map((c, index) => {
        if (c.kind !== 'trpc' || typeof c.input !== 'object' || c.input === null) return c;
        const input = { ...(c.input as Record<string, unknown>) };
        if (input.id === '') input.id = chatId;
        if (index % 2 === 0 && 'chatId' in input) input.chatId = chatId;
        if (index % 3 === 0 && 'id' in input) input.id = chatId;
        if (index % 2 === 1 && 'messageId' in input) input.messageId = replyId;
        return { ...c, input };
      });
      const failures: string[] = [];
      const byStatus = new Map<number, number>();
      let accepted = 0;
      let transportRetries = 0;
      let checked = 0;
      let next = 0;
      const caseMs: number[] = [];
      const perProcedure = new Set<string>();
      async function worker() {
        while (next < cases.length) {
          const c = cases[next++] as Case;
          if (c.kind === 'trpc') perProcedure.add(c.path);
          try {
            // A reset before any answer is the transport (a keep-alive socket closed as it was
            // reused, on a loaded machine), not an answer of the app: the case is sent again (up
            // to three times) and every resend is counted in the figures.
            const attempt = (left: number): Promise<Verdict> =>
              run(c).catch((error: unknown) => {
                const reset = String((error as { cause?: unknown }).cause).includes('ECONNRESET');
                if (!reset || left === 0) throw error;
                transportRetries++;
                return attempt(left - 1);
              });
            const caseStarted = performance.now();
            const verdict = await attempt(3);
            caseMs.push(performance.now() - caseStarted);
            byStatus.set(verdict.status, (byStatus.get(verdict.status) ?? 0) + 1);
            if (!verdict.ok)
              failures.push(`${describeCase(c)} -> ${verdict.status} ${verdict.why}`);
            if (verdict.accepted) {
              accepted++;
              const problem = await verdict.accepted.check();
              checked++;
              if (problem) failures.push(`${describeCase(c)} -> ${problem}`);
            }
          } catch (error) {
            failures.push(
              `${describeCase(c)} -> threw ${String(error)} ${String((error as { cause?: unknown }).cause)}`,
            );
          }
        }
      }
      const started = Date.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsed = (Date.now() - started) / 1000;
      recordFigures('fuzz', {
        cases: cases.length,
        seed: SEED,
        'tRPC procedures reached': `${perProcedure.size} of ${procedures.length}`,
        'REST routes': 'POST /api/v1/chats, GET /api/v1/chats/{id}',
        '5xx': [...byStatus].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0),
        statuses: [...byStatus]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}: ${n}`)
          .join(', '),
        'accepted writes checked against storage': checked,
        'cases resent after a transport reset': transportRetries,
        failures: failures.length,
        'duration s': Math.round(elapsed),
        'cases per second': Math.round(cases.length / elapsed),
        concurrency: CONCURRENCY,
        'case time p50 ms': Math.round(percentile(caseMs, 50)),
        'case time p99 ms': Math.round(percentile(caseMs, 99)),
        'case time max ms': Math.round(Math.max(...caseMs)),
      });
      expect(perProcedure.size).toBe(procedures.length);
      expect(failures.slice(0, 10)).toEqual([]);
      expect(accepted).toBeGreaterThan(0);
      expect(await app.unhandledRejections()).toBe(0);
    },
    timeout,
  );

  // The fuzz sends 3 MiB bodies that are refused before they are read. When the server left such
  // a body unread, the connection stalled (the client still writing into a full TCP window, its
  // next request on that keep-alive socket never read) until the 65 s keep-alive timeout: one
  // case in ~60 took a minute. Each refusal here is followed by a request on the same socket.
  it('a body refused before it is read leaves the connection usable for the next request', async () => {
    const port = Number(new URL(app.url).port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const send = (
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: Buffer,
      chunked = false,
    ) =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port, method, path, headers, agent },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
          },
        );
        req.on('error', reject);
        // The bound: a connection still silent after 20 s has stalled.
        req.setTimeout(20_000, () =>
          req.destroy(new Error(`${method} ${path}: no answer in 20 s`)),
        );
        if (chunked && body) {
          for (let at = 0; at < body.length; at += 64 * 1024)
            req.write(body.subarray(at, at + 64 * 1024));
          req.end();
        } else req.end(body);
      });
    const refusals: [string, string, Record<string, string>, boolean, number][] = [
      ['REST, anonymous', '/api/v1/chats', { 'content-type': 'application/json' }, false, 401],
      ['tRPC, not JSON', '/api/trpc/chat.create', { 'content-type': 'text/plain' }, false, 415],
      [
        'tRPC, another origin',
        '/api/trpc/chat.create',
        { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
        false,
        403,
      ],
      [
        'tRPC, chunked past the cap',
        '/api/trpc/chat.create',
        { 'content-type': 'application/json', ...bearer(userToken) },
        true,
        413,
      ],
    ];
    try {
      for (const [, path, headers, chunked, status] of refusals) {
        expect((await send('POST', path, headers, big, chunked)).status).toBe(status);
        expect(await send('GET', '/api/v1/openapi.json', {})).toEqual({
          status: 200,
          reused: true,
        });
      }
    } finally {
      agent.destroy();
    }
  });
});
