import OpenAI, { BadRequestError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markerIn, type OpenAITestServer, replyText, startOpenAITestServer } from '../src/testing';
import { API_KEY } from './helpers';

let server: OpenAITestServer;
let conversationId: string;

beforeAll(async () => {
  server = await startOpenAITestServer({ apiKey: API_KEY });
  const created = await post('/conversations', { metadata: { chat_id: 'c1' } });
  conversationId = ((await created.json()) as { id: string }).id;
});
afterAll(() => server.close());
afterEach(() => server.reset());

function post(path: string, body: unknown, key: string | null = API_KEY): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectOpenAIError(response: Response, status: number, param?: string | null) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.message).toEqual(expect.any(String));
  if (status === 400) expect(body.error.type).toBe('invalid_request_error');
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

function parseSse(raw: string): { event: string; data: Record<string, unknown> }[] {
  return raw
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1] ?? '';
      const data = JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? 'null') as Record<
        string,
        unknown
      >;
      return { event, data };
    });
}

describe('OpenAI test server: wire format', () => {
  it('creates conversations in the documented shape', async () => {
    const response = await post('/conversations', { metadata: { chat_id: 'c2', user_id: 'u2' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: expect.stringMatching(/^conv_/),
      object: 'conversation',
      created_at: expect.any(Number),
      metadata: { chat_id: 'c2', user_id: 'u2' },
    });
  });

  it('streams the documented events in order, with matching types and sequence numbers', async () => {
    const response = await post('/responses', {
      model: 'gpt-test',
      input: 'Hi there',
      conversation: conversationId,
      stream: true,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = parseSse(await response.text());
    const tokens = replyText('Hi there').split(' ').length;
    expect(frames.map((f) => f.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(tokens).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    frames.forEach((frame, i) => {
      expect(frame.data.type).toBe(frame.event);
      expect(frame.data.sequence_number).toBe(i);
    });
    const completed = frames.at(-1)?.data.response as Record<string, unknown>;
    expect(completed).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-test',
      conversation: { id: conversationId },
      usage: {
        input_tokens: expect.any(Number),
        output_tokens: tokens,
        total_tokens: expect.any(Number),
      },
    });
  });

  it('answers a non-streamed request with a whole Response the SDK reads', async () => {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const response = await client.responses.create({
      model: 'gpt-test',
      input: 'Plain',
      store: false,
    });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe(replyText('Plain'));
  });
});

describe('OpenAI test server: authentication', () => {
  it('answers 401 in the OpenAI error shape for a missing key', async () => {
    const response = await post('/responses', { model: 'm', input: 'x' }, null);
    const error = await expectOpenAIError(response, 401);
    expect(error.message).toMatch(/didn't provide an API key/);
  });

  it('answers 401 invalid_api_key for a wrong key', async () => {
    const response = await post('/conversations', {}, 'sk-wrong-key-123');
    const error = await expectOpenAIError(response, 401);
    expect(error.code).toBe('invalid_api_key');
  });
});

describe('OpenAI test server: malformed requests', () => {
  it('rejects a missing model', async () => {
    const error = await expectOpenAIError(await post('/responses', { input: 'x' }), 400, 'model');
    expect(error.message).toBe("Missing required parameter: 'model'.");
  });

  it('rejects a missing input', async () => {
    await expectOpenAIError(await post('/responses', { model: 'm', stream: true }), 400, 'input');
  });

  it('rejects conversation together with previous_response_id', async () => {
    const response = await post('/responses', {
      model: 'm',
      input: 'x',
      conversation: conversationId,
      previous_response_id: 'resp_1',
    });
    const error = await expectOpenAIError(response, 400);
    expect(error.message).toMatch(/previous_response_id.*conversation/);
  });

  it('rejects an unknown conversation id', async () => {
    const response = await post('/responses', {
      model: 'm',
      input: 'x',
      conversation: 'conv_nope',
    });
    const error = await expectOpenAIError(response, 400, 'conversation');
    expect(error.message).toContain('conv_nope');
  });

  it('rejects a body that is not JSON', async () => {
    await expectOpenAIError(await post('/responses', '{"model":'), 400);
  });

  it('rejects conversation metadata over the documented limits', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    await expectOpenAIError(await post('/conversations', { metadata }), 400, 'metadata');
  });

  it('surfaces as BadRequestError (400) through the official SDK', async () => {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const error = await client.responses
      .create({ model: 'gpt-test', input: 'x', conversation: 'conv_nope', stream: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'conversation',
    });
  });
});

describe('OpenAI test server: scripting', () => {
  it('plays a queue in order, then falls back to the normal reply', async () => {
    server.setScript([{ kind: 'server_error' }, { kind: 'rate_limited', retryAfterMs: 5 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await post('/responses', { model: 'm', input: 'q' })).status);
    }
    expect(statuses).toEqual([500, 429, 200]);
    expect(server.responsesRequests[1]?.behaviour).toBe('rate_limited');
  });

  it('asks a script function per request', async () => {
    server.setScript(({ inputText }) =>
      inputText.includes('boom') ? { kind: 'http_error', status: 418 } : undefined,
    );
    expect((await post('/responses', { model: 'm', input: 'boom' })).status).toBe(418);
    expect((await post('/responses', { model: 'm', input: 'fine' })).status).toBe(200);
  });

  it('sends retry-after with a scripted 429', async () => {
    server.setScript({ kind: 'rate_limited', retryAfterSeconds: 2 });
    const response = await post('/responses', { model: 'm', input: 'x' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'rate_limit_exceeded',
    );
  });

  it('reads markers from the user text, also inside message input items', async () => {
    expect(markerIn('please [[stall]] now')?.behaviour).toEqual({ kind: 'stall' });
    expect(markerIn('no markers [[unknown]]')).toBeUndefined();
    const response = await post('/responses', {
      model: 'm',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi [[500]]' }] }],
    });
    expect(response.status).toBe(500);
  });

  it('stops writing when the client goes away during a stall', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', input: 'wait [[stall]]', stream: true }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    controller.abort();
    expect(await server.waitForOutcome(0)).toBe('client_closed');
  });

  it('holds a slow reply before its last token until its gate opens', async () => {
    server.setScript({ kind: 'slow', tokenDelayMs: 1, extraTokens: 3, hold: 'g1' });
    const response = await post('/responses', { model: 'm', input: 'tell me', stream: true });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    /** Reads on until `marker` has arrived or the stream ends. */
    const readUntil = async (text: string, marker: string) => {
      let read = text;
      while (!read.includes(marker)) {
        const { value, done } = await reader.read();
        if (done) break;
        read += decoder.decode(value, { stream: true });
      }
      return read;
    };
    // Everything but the last word arrives, and then nothing while the gate is shut.
    let raw = await readUntil('', '"delta":" slow2"');
    const later = reader.read().then(({ value }) => decoder.decode(value, { stream: true }));
    const held = new Promise((resolve) => setTimeout(() => resolve('held'), 200));
    expect(await Promise.race([later, held])).toBe('held');
    expect(server.responsesRequests[0]?.outcome).toBeUndefined();

    server.openGate('g1');
    raw = await readUntil(raw + (await later), 'response.completed');
    const text = parseSse(raw).find((e) => e.event === 'response.output_text.done')?.data.text;
    expect(text).toBe('Test reply to: tell me slow1 slow2 slow3');
    expect(await server.waitForOutcome(0)).toBe('completed');
    // Without `gateRoute` there is no way in over HTTP.
    const base = server.url.replace(/\/v1$/, '');
    expect((await fetch(`${base}/__test/gates/g1`, { method: 'POST' })).status).not.toBe(200);
  });

  it('opens a gate over HTTP when asked to, and a gate opened early stays open', async () => {
    const gated = await startOpenAITestServer({ gateRoute: true });
    try {
      gated.setScript({ kind: 'slow', tokenDelayMs: 1, extraTokens: 3, hold: 'story-1' });
      const opened = await fetch(`${gated.url.replace(/\/v1$/, '')}/__test/gates/story-1`, {
        method: 'POST',
      });
      expect(opened.status).toBe(200);
      const response = await fetch(`${gated.url}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', input: 'tell me', stream: true }),
      });
      const events = parseSse(await response.text());
      const text = events.find((e) => e.event === 'response.output_text.done')?.data.text;
      expect(text).toBe('Test reply to: tell me slow1 slow2 slow3');
      expect(await gated.waitForOutcome(gated.responsesRequests[0] ?? 0)).toBe('completed');
    } finally {
      await gated.close();
    }
  });

  it('keeps gate markers out of the reply text', () => {
    expect(replyText('[[hold:story-1]] Shared story')).toBe('Test reply to: Shared story');
  });
});
