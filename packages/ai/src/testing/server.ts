// A wire-level stand-in for the OpenAI API on 127.0.0.1: Conversations and Responses
// (streamed and not), bearer-key checks, OpenAI-shaped errors, and scripted misbehaviour.
// The official SDK talks to it unchanged through its baseURL.

import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Behaviour, type BehaviourKind, markerIn, titleText } from './behaviours';
import { type PlanDefaults, planFor, type StreamBehaviour } from './plan';
import { type PlayOutcome, playStream } from './play-stream';
import { SseWriter } from './sse-writer';
import {
  inputFiles,
  inputText,
  type ResponsesBody,
  validateMetadata,
  validateResponsesBody,
} from './validate';
import {
  type ConversationObject,
  conversationObject,
  ERRORS,
  errorBody,
  type OpenAIErrorBody,
  openaiId,
  outputText,
  responseObject,
  usage,
} from './wire';

export interface OpenAITestServerOptions {
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Delay between tokens of a normal reply (default 0). */
  tokenDelayMs?: number;
  /** Delay between tokens of `slow` (default 150) and how many words it adds (default 40). */
  slowTokenDelayMs?: number;
  slowExtraTokens?: number;
  /** Tokens in a `long` reply (default 20000). */
  longReplyTokens?: number;
  /** Tokens sent before failed / incomplete / drop / stall (default 2). */
  partialTokens?: number;
  /** retry-after of a `rate_limited` behaviour that names none (default 1 second). */
  retryAfterSeconds?: number;
  script?: Script;
  /** Ids `GET /v1/models` lists (default a few real model names). */
  models?: readonly string[];
  /**
   * Serves only POST /v1/responses, as many OpenAI-compatible servers do: the Conversations
   * endpoints answer 404 and a `conversation` parameter is unknown.
   */
  responsesOnly?: boolean;
  /**
   * Also serves `POST /__test/gates/<name>`, which opens a gate (see `openGate`), for tests in
   * another process, such as a browser test driving an app that uses this server.
   */
  gateRoute?: boolean;
}

export type RequestOutcome = PlayOutcome | 'ok' | 'error';

export interface RecordedRequest {
  /** Position among all requests this server received, from 0. */
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (the raw text when it is not JSON; undefined when empty). */
  body: unknown;
  /** For POST /v1/responses: the `input` exactly as received (what the model would see). */
  input?: unknown;
  receivedAt: number;
  status?: number;
  behaviour?: BehaviourKind;
  /** How the exchange ended; `client_closed` means the client went away first. */
  outcome?: RequestOutcome;
}

export interface ScriptContext {
  body: ResponsesBody;
  /** The user's text from `input`. */
  inputText: string;
  /** Position among POST /v1/responses requests, from 0. */
  responsesIndex: number;
  request: RecordedRequest;
}

/** A behaviour for every request, a queue consumed one per request, or a function. */
export type Script =
  | Behaviour
  | readonly Behaviour[]
  | ((ctx: ScriptContext) => Behaviour | undefined);

export interface OpenAITestServer {
  /** Base URL ending in /v1, for OPENAI_BASE_URL or the SDK's baseURL. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** The POST /v1/responses requests only. */
  readonly responsesRequests: readonly RecordedRequest[];
  readonly conversations: ReadonlyMap<string, ConversationObject>;
  /** Replaces the script (an array becomes the queue). Without one: markers, then a normal reply. */
  setScript(script?: Script): void;
  /** Adds behaviours for the next responses requests, before the script applies. */
  enqueue(...behaviours: Behaviour[]): void;
  /**
   * Opens the gate a `slow` reply with `hold: name` waits at before its last token; a gate opened
   * before the reply reaches it stays open.
   */
  openGate(name: string): void;
  /** Forgets the script, the queue, the gates and the recorded requests. */
  reset(): void;
  /** Resolves with how a request ended (waits until it has). */
  waitForOutcome(request: RecordedRequest | number, timeoutMs?: number): Promise<RequestOutcome>;
  close(): Promise<void>;
}

const REQUEST_BODY_LIMIT = 10 * 1024 * 1024;

export async function startOpenAITestServer(
  options: OpenAITestServerOptions = {},
): Promise<OpenAITestServer> {
  const defaults: PlanDefaults = {
    tokenDelayMs: options.tokenDelayMs ?? 0,
    slowTokenDelayMs: options.slowTokenDelayMs ?? 150,
    slowExtraTokens: options.slowExtraTokens ?? 40,
    longReplyTokens: options.longReplyTokens ?? 20_000,
    partialTokens: options.partialTokens ?? 2,
  };
  const requests: RecordedRequest[] = [];
  const responsesRequests: RecordedRequest[] = [];
  const conversations = new Map<string, ConversationObject>();
  const storedResponses = new Set<string>();
  const onceSeen = new Set<string>();
  const outcomeWaiters = new Map<RecordedRequest, Set<(outcome: RequestOutcome) => void>>();
  let queue: Behaviour[] = [];
  const gates = new Map<string, { opened: Promise<void>; open: () => void }>();
  const gate = (name: string) => {
    let found = gates.get(name);
    if (!found) {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      found = { opened, open };
      gates.set(name, found);
    }
    return found;
  };
  let script: Exclude<Script, readonly Behaviour[]> | undefined;

  const setScript = (next?: Script) => {
    if (Array.isArray(next)) {
      queue = [...(next as readonly Behaviour[])];
      script = undefined;
    } else {
      script = next as Exclude<Script, readonly Behaviour[]> | undefined;
    }
  };
  setScript(options.script);

  const settle = (record: RecordedRequest, outcome: RequestOutcome) => {
    if (record.outcome) return;
    record.outcome = outcome;
    for (const wake of outcomeWaiters.get(record) ?? []) wake(outcome);
    outcomeWaiters.delete(record);
  };

  const sendJson = (
    res: ServerResponse,
    record: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    record.status = status;
    res.writeHead(status, { ...baseHeaders(), ...headers, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    settle(record, status < 400 ? 'ok' : 'error');
  };
  const sendError = (
    res: ServerResponse,
    record: RecordedRequest,
    status: number,
    body: OpenAIErrorBody,
    headers?: Record<string, string>,
  ) => sendJson(res, record, status, body, headers);

  const chooseBehaviour = (ctx: ScriptContext): Behaviour => {
    const queued = queue.shift();
    if (queued) return queued;
    const scripted = typeof script === 'function' ? script(ctx) : script;
    if (scripted) return scripted;
    // A title request carries the user's text too: markers are meant for the reply only.
    if (isTitleRequest(ctx.body)) return { kind: 'reply' };
    const found = markerIn(ctx.inputText);
    if (found) {
      if (!found.once) return found.behaviour;
      const key = `${found.marker}|${ctx.body.conversation ?? ''}|${ctx.inputText}`;
      if (!onceSeen.has(key)) {
        onceSeen.add(key);
        return found.behaviour;
      }
    }
    return { kind: 'reply' };
  };

  const handleResponses = async (res: ServerResponse, record: RecordedRequest) => {
    const checked = validateResponsesBody(
      record.body,
      (id) => !options.responsesOnly && conversations.has(id),
      (id) => storedResponses.has(id),
    );
    if (!checked.ok) return sendError(res, record, checked.status, checked.body);
    const body = checked.value;
    const text = inputText(body.input);
    const behaviour = chooseBehaviour({
      body,
      inputText: text,
      responsesIndex: responsesRequests.length - 1,
      request: record,
    });
    record.behaviour = behaviour.kind;
    const failure = errorFor(behaviour, body.model, options.retryAfterSeconds ?? 1);
    if (failure) return sendError(res, record, failure.status, failure.body, failure.headers);

    const streamBehaviour = behaviour as StreamBehaviour;
    // A question with files is answered naming them: "Test reply to: <text> [files: a.png (image)]".
    const files = inputFiles(body.input);
    const replyInput = files.length
      ? `${text} [files: ${files.map((file) => `${file.name} (${file.kind})`).join(', ')}]`
      : text;
    const plan = planFor(streamBehaviour, replyInput, defaults);
    if (
      !body.stream &&
      streamBehaviour.kind === 'reply' &&
      streamBehaviour.text === undefined &&
      isTitleRequest(body)
    ) {
      plan.tokens = [titleText(text)];
      plan.stopAfter = 1;
    }
    const responseId = openaiId('resp');
    if (body.store !== false) storedResponses.add(responseId);
    const echo = {
      model: body.model,
      instructions: body.instructions,
      conversation: body.conversation,
      previous_response_id: body.previous_response_id,
      temperature: body.temperature,
      max_output_tokens: body.max_output_tokens,
      store: body.store,
      metadata: body.metadata,
    };
    const inputTokens = countWords(text) + countWords(String(body.instructions ?? ''));
    const writer = new SseWriter(res);

    if (body.stream) {
      record.status = 200;
      writer.open(baseHeaders());
      const ctx = {
        responseId,
        request: echo,
        inputTokens,
        plan,
        gate: (name: string) => gate(name).opened,
      };
      settle(record, await playStream(writer, ctx));
      return;
    }

    // Not streamed: the same plan, answered as one Response object.
    if (!(await writer.pause(plan.firstTokenDelayMs))) return settle(record, 'client_closed');
    const sent = plan.tokens.slice(0, plan.stopAfter);
    const full = sent.join('');
    const createdAt = Math.floor(Date.now() / 1000);
    const item = (status: 'completed' | 'incomplete', refusal: boolean) => ({
      id: openaiId('msg'),
      type: 'message' as const,
      status,
      role: 'assistant' as const,
      content: [refusal ? { type: 'refusal' as const, refusal: full } : outputText(full)],
    });
    switch (plan.ending) {
      case 'drop':
        await writer.drop();
        return settle(record, 'dropped');
      case 'stall':
        await writer.untilClosed();
        return settle(record, 'client_closed');
      case 'failed':
      case 'error_event':
        return sendError(res, record, 500, ERRORS.server);
      case 'incomplete':
        return sendJson(
          res,
          record,
          200,
          responseObject(responseId, createdAt, echo, 'incomplete', {
            output: [item('incomplete', false)],
            usage: usage(inputTokens, sent.length),
            incompleteReason: plan.incompleteReason ?? 'max_output_tokens',
          }),
        );
      default:
        return sendJson(
          res,
          record,
          200,
          responseObject(responseId, createdAt, echo, 'completed', {
            output: [item('completed', plan.ending === 'refusal')],
            usage: usage(inputTokens, sent.length),
          }),
        );
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    const record: RecordedRequest = {
      index: requests.length,
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: req.headers,
      body: parseBody(raw),
      receivedAt: Date.now(),
    };
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) settle(record, 'client_closed');
    });

    const method = record.method;
    const path = url.pathname.replace(/\/+$/, '');
    if (method === 'POST' && path === '/v1/responses') {
      responsesRequests.push(record);
      if (typeof record.body === 'object' && record.body !== null) {
        record.input = (record.body as { input?: unknown }).input;
      }
    }

    const gatePath = /^\/__test\/gates\/([a-z0-9:-]+)$/.exec(path);
    if (options.gateRoute && method === 'POST' && gatePath?.[1]) {
      gate(gatePath[1]).open();
      return sendJson(res, record, 200, { opened: gatePath[1] });
    }

    const authError = checkAuth(req.headers.authorization, options.apiKey);
    if (authError) return sendError(res, record, 401, authError);

    if (method === 'POST' && path === '/v1/responses') {
      if (raw.length > 0 && record.body === raw) return sendError(res, record, 400, ERRORS.badJson);
      return handleResponses(res, record);
    }
    if (options.responsesOnly && path.startsWith('/v1/conversations')) {
      return sendError(res, record, 404, ERRORS.invalidUrl(method, url.pathname));
    }
    if (method === 'POST' && path === '/v1/conversations') {
      if (raw.length > 0 && record.body === raw) return sendError(res, record, 400, ERRORS.badJson);
      const body = (record.body ?? {}) as Record<string, unknown>;
      const metadata = validateMetadata(body.metadata);
      if (!metadata.ok) return sendError(res, record, metadata.status, metadata.body);
      const conversation = conversationObject(metadata.value ?? {});
      conversations.set(conversation.id, conversation);
      return sendJson(res, record, 200, conversation);
    }
    if (method === 'GET' && path === '/v1/models') {
      const ids = options.models ?? ['gpt-5', 'gpt-5-mini', 'gpt-5-nano'];
      return sendJson(res, record, 200, {
        object: 'list',
        data: ids.map((id) => ({
          id,
          object: 'model',
          created: 1_760_000_000,
          owned_by: 'system',
        })),
      });
    }
    const conversationPath = /^\/v1\/conversations\/([^/]+)$/.exec(path);
    if (conversationPath && (method === 'GET' || method === 'DELETE')) {
      const id = decodeURIComponent(conversationPath[1] ?? '');
      const conversation = conversations.get(id);
      if (!conversation) {
        return sendError(res, record, 404, errorBody(`Conversation with id '${id}' not found.`));
      }
      if (method === 'GET') return sendJson(res, record, 200, conversation);
      conversations.delete(id);
      return sendJson(res, record, 200, { id, object: 'conversation.deleted', deleted: true });
    }
    return sendError(res, record, 404, ERRORS.invalidUrl(method, url.pathname));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake must be loud in the test that hit it, not a hung request.
      console.error('openai test server:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ERRORS.server));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`,
    port,
    requests,
    responsesRequests,
    conversations,
    setScript,
    enqueue: (...behaviours) => {
      queue.push(...behaviours);
    },
    openGate: (name) => gate(name).open(),
    reset: () => {
      queue = [];
      for (const { open } of gates.values()) open();
      gates.clear();
      script = undefined;
      requests.length = 0;
      responsesRequests.length = 0;
      onceSeen.clear();
    },
    waitForOutcome: (request, timeoutMs = 5_000) => {
      const record = typeof request === 'number' ? requests[request] : request;
      if (!record) return Promise.reject(new Error(`no request #${String(request)} recorded`));
      if (record.outcome) return Promise.resolve(record.outcome);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`request #${record.index} did not end within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (outcome: RequestOutcome) => {
          clearTimeout(timer);
          resolve(outcome);
        };
        const waiters = outcomeWaiters.get(record) ?? new Set();
        waiters.add(done);
        outcomeWaiters.set(record, waiters);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Stalled streams would keep close() waiting for ever: end every connection now.
        server.closeAllConnections();
      }),
  };
}

function isTitleRequest(body: ResponsesBody): boolean {
  return (
    !body.stream && typeof body.instructions === 'string' && /\btitle\b/i.test(body.instructions)
  );
}

function errorFor(
  behaviour: Behaviour,
  model: string,
  defaultRetryAfterSeconds: number,
): { status: number; body: OpenAIErrorBody; headers?: Record<string, string> } | undefined {
  switch (behaviour.kind) {
    case 'unauthorized':
      return { status: 401, body: ERRORS.wrongKey('sk-test-revoked-key') };
    case 'rate_limited': {
      const headers: Record<string, string> = {};
      if (behaviour.retryAfterMs !== undefined)
        headers['retry-after-ms'] = String(behaviour.retryAfterMs);
      const seconds =
        behaviour.retryAfterSeconds ??
        (behaviour.retryAfterMs === undefined ? defaultRetryAfterSeconds : undefined);
      if (seconds !== undefined) headers['retry-after'] = String(seconds);
      return { status: 429, body: ERRORS.rateLimited(model), headers };
    }
    case 'quota_exceeded':
      return { status: 429, body: ERRORS.quota };
    case 'server_error':
      return { status: behaviour.status ?? 500, body: ERRORS.server };
    case 'context_too_long':
      return { status: 400, body: ERRORS.contextTooLong };
    case 'http_error':
      return {
        status: behaviour.status,
        body: errorBody(
          behaviour.message ?? `Scripted error ${behaviour.status}`,
          behaviour.type ?? (behaviour.status >= 500 ? 'server_error' : 'invalid_request_error'),
          null,
          behaviour.code ?? null,
        ),
        ...(behaviour.headers ? { headers: behaviour.headers } : {}),
      };
    default:
      return undefined;
  }
}

function checkAuth(
  header: string | undefined,
  apiKey: string | undefined,
): OpenAIErrorBody | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  const given = match?.[1]?.trim();
  if (!given) return apiKey ? ERRORS.missingKey : undefined;
  if (apiKey && given !== apiKey) return ERRORS.wrongKey(given);
  return undefined;
}

function baseHeaders(): Record<string, string> {
  return {
    'x-request-id': openaiId('req').slice(0, 36),
    'openai-version': '2020-10-01',
    'openai-processing-ms': '1',
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > REQUEST_BODY_LIMIT) break;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function countWords(text: string): number {
  return Math.max(1, text.split(/\s+/).filter(Boolean).length);
}
