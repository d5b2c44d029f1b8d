import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AssistantRunner, createAssistantRunner, type RunEvent } from '../src';
import {
  longReplyText,
  type OpenAITestServer,
  replyText,
  slowReplyText,
  tokenize,
} from '../src/testing';
import {
  API_KEY,
  ASSISTANT,
  collect,
  FAST_LIMITS,
  startServer,
  streamedText,
  terminal,
  terminalCount,
} from './helpers';

let server: OpenAITestServer;
let runner: AssistantRunner;
let conversationId: string;

beforeAll(async () => {
  ({ server, runner } = await startServer({ slowTokenDelayMs: 40 }));
});
afterAll(() => server.close());
afterEach(() => server.reset());

async function freshConversation(): Promise<string> {
  conversationId = await runner.ensureConversation({ chatId: 'chat_1', userId: 'user_1' });
  server.reset();
  return conversationId;
}

function run(input: string, limits: Partial<typeof FAST_LIMITS> = {}, signal?: AbortSignal) {
  return collect(
    runner.run({
      conversationId,
      input,
      assistant: ASSISTANT,
      signal,
      limits: { ...FAST_LIMITS, ...limits },
    }),
  );
}

function twoTokens(input: string): string {
  return tokenize(replyText(input)).slice(0, 2).join('');
}

describe('run: a normal reply', () => {
  it('streams started, the deltas, then completed with the full text, model and usage', async () => {
    await freshConversation();
    const events = await run('Hello there, assistant');
    const expected = replyText('Hello there, assistant');

    expect(events[0]).toEqual({ type: 'started', responseId: expect.stringMatching(/^resp_/) });
    const deltas = events.slice(1, -1);
    expect(deltas.length).toBe(tokenize(expected).length);
    expect(deltas.every((event) => event.type === 'delta')).toBe(true);
    expect(streamedText(events)).toBe(expected);
    expect(terminal(events)).toEqual({
      type: 'completed',
      text: expected,
      responseId: (events[0] as Extract<RunEvent, { type: 'started' }>).responseId,
      model: 'gpt-test',
      usage: {
        inputTokens: expect.any(Number),
        outputTokens: deltas.length,
        totalTokens: expect.any(Number),
      },
    });
    const completed = terminal(events) as Extract<RunEvent, { type: 'completed' }>;
    expect(completed.usage.totalTokens).toBe(
      completed.usage.inputTokens + completed.usage.outputTokens,
    );
    expect(terminalCount(events)).toBe(1);
  });

  it('sends the assistant settings and the conversation in one streamed request', async () => {
    await freshConversation();
    await collect(
      runner.run({
        conversationId,
        input: 'Settings please',
        assistant: { ...ASSISTANT, temperature: 0.3, maxOutputTokens: 500 },
        limits: FAST_LIMITS,
      }),
    );
    expect(server.responsesRequests).toHaveLength(1);
    expect(server.responsesRequests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.responsesRequests[0]?.body).toMatchObject({
      model: 'gpt-test',
      instructions: ASSISTANT.instructions,
      conversation: conversationId,
      input: 'Settings please',
      stream: true,
      temperature: 0.3,
      max_output_tokens: 500,
    });
  });

  it('leaves temperature and max_output_tokens to the model when unset', async () => {
    await freshConversation();
    await run('Defaults');
    const body = server.responsesRequests[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('max_output_tokens');
  });

  it('receives a long reply (20,000 tokens) in full', async () => {
    await freshConversation();
    server.setScript({ kind: 'long', tokens: 20_000 });
    const events = await run('Tell me everything', { firstTokenMs: 10_000, idleMs: 5_000 });
    const expected = longReplyText('Tell me everything', 20_000);
    expect(events.filter((e) => e.type === 'delta')).toHaveLength(20_000);
    expect(terminal(events)).toMatchObject({ type: 'completed', text: expected });
    expect(streamedText(events)).toBe(expected);
  });
});

describe('run: cancellation', () => {
  it('stops mid-stream on abort, reports the partial text, and the server sees the client leave', async () => {
    await freshConversation();
    server.setScript({ kind: 'slow', tokenDelayMs: 40 });
    const controller = new AbortController();
    const events: RunEvent[] = [];
    let deltasAfterAbort = 0;
    for await (const event of runner.run({
      conversationId,
      input: 'Count slowly',
      assistant: ASSISTANT,
      signal: controller.signal,
      limits: FAST_LIMITS,
    })) {
      events.push(event);
      if (controller.signal.aborted && event.type === 'delta') deltasAfterAbort++;
      if (events.filter((e) => e.type === 'delta').length === 3) controller.abort();
    }
    const partial = streamedText(events);
    expect(tokenize(partial)).toHaveLength(3);
    expect(slowReplyText('Count slowly', 40).startsWith(partial)).toBe(true);
    expect(deltasAfterAbort).toBe(0);
    const started = events[0] as Extract<RunEvent, { type: 'started' }>;
    expect(terminal(events)).toEqual({
      type: 'cancelled',
      partialText: partial,
      responseId: started.responseId,
    });
    expect(terminalCount(events)).toBe(1);
    const request = server.responsesRequests[0];
    if (!request) throw new Error('no request recorded');
    expect(await server.waitForOutcome(request)).toBe('client_closed');
  });

  it('reports cancelled without a request when the signal is already aborted', async () => {
    await freshConversation();
    const events = await run('Never sent', {}, AbortSignal.abort());
    expect(events).toEqual([{ type: 'cancelled', partialText: '' }]);
    expect(server.requests).toHaveLength(0);
  });

  it('closes the upstream request when the consumer stops iterating', async () => {
    await freshConversation();
    server.setScript({ kind: 'slow', tokenDelayMs: 40 });
    for await (const event of runner.run({
      conversationId,
      input: 'Walk away',
      assistant: ASSISTANT,
      limits: FAST_LIMITS,
    })) {
      if (event.type === 'delta') break;
    }
    const request = server.responsesRequests[0];
    if (!request) throw new Error('no request recorded');
    expect(await server.waitForOutcome(request)).toBe('client_closed');
  });
});

describe('run: time bounds', () => {
  it('fails with first_token_timeout when no text arrives in time, without retrying', async () => {
    await freshConversation();
    server.setScript({ kind: 'stall', afterTokens: 0 });
    const events = await run('Anyone there?', { firstTokenMs: 300 });
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'first_token_timeout',
      retryable: true,
      partialText: '',
    });
    expect(server.responsesRequests).toHaveLength(1);
    expect(await server.waitForOutcome(0)).toBe('client_closed');
  });

  it('fails with idle_timeout when the stream goes quiet after some text', async () => {
    await freshConversation();
    server.setScript({ kind: 'stall', afterTokens: 2 });
    const events = await run('Then silence', { idleMs: 300 });
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'idle_timeout',
      partialText: twoTokens('Then silence'),
    });
    expect(server.responsesRequests).toHaveLength(1);
  });

  it('does not count a slow but steady stream as idle', async () => {
    await freshConversation();
    server.setScript({ kind: 'slow', tokenDelayMs: 60, extraTokens: 8 });
    const events = await run('Steady', { idleMs: 400, firstTokenMs: 400 });
    expect(terminal(events)).toMatchObject({ type: 'completed', text: slowReplyText('Steady', 8) });
  });
});

describe('run: retries before the first token', () => {
  it('retries a 429 after the retry-after seconds it names', async () => {
    await freshConversation();
    server.enqueue({ kind: 'rate_limited', retryAfterSeconds: 1 });
    const events = await run('Busy?', { firstTokenMs: 5_000 });
    expect(terminal(events)).toMatchObject({ type: 'completed', text: replyText('Busy?') });
    const [first, second] = server.responsesRequests;
    expect(server.responsesRequests).toHaveLength(2);
    // backoffMs is 10 ms here, so a wait of a second can only come from retry-after.
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('honours retry-after-ms', async () => {
    await freshConversation();
    server.enqueue({ kind: 'rate_limited', retryAfterMs: 300 });
    const events = await run('Busy again?');
    expect(terminal(events)).toMatchObject({ type: 'completed' });
    const [first, second] = server.responsesRequests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(280);
  });

  it('gives up with rate_limited after maxRetries', async () => {
    await freshConversation();
    server.setScript({ kind: 'rate_limited', retryAfterMs: 20 });
    const events = await run('Still busy?', { maxRetries: 2 });
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'rate_limited',
      retryable: true,
    });
    expect(server.responsesRequests).toHaveLength(3);
  });

  it('does not wait for a retry-after longer than the first-token limit', async () => {
    await freshConversation();
    server.setScript({ kind: 'rate_limited', retryAfterSeconds: 30 });
    const events = await run('Come back later', { firstTokenMs: 500 });
    expect(terminal(events)).toMatchObject({ type: 'failed', code: 'rate_limited' });
    expect(server.responsesRequests).toHaveLength(1);
  });

  it('reports quota_exceeded (429 insufficient_quota) without retrying', async () => {
    await freshConversation();
    server.setScript({ kind: 'quota_exceeded' });
    const events = await run('Out of credit');
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'quota_exceeded',
      retryable: false,
    });
    expect(server.responsesRequests).toHaveLength(1);
  });

  it('retries a 500 and then reports upstream_error', async () => {
    await freshConversation();
    server.setScript({ kind: 'server_error' });
    const events = await run('Broken upstream', { maxRetries: 2 });
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'upstream_error',
      retryable: true,
    });
    expect(server.responsesRequests).toHaveLength(3);
  });

  it('recovers when a retry after a 500 succeeds', async () => {
    await freshConversation();
    server.enqueue({ kind: 'server_error', status: 503 });
    const events = await run('Flaky upstream');
    expect(terminal(events)).toMatchObject({
      type: 'completed',
      text: replyText('Flaky upstream'),
    });
    expect(server.responsesRequests).toHaveLength(2);
  });

  it('retries a connection dropped before any text', async () => {
    await freshConversation();
    server.enqueue({ kind: 'drop', afterTokens: 0 });
    const events = await run('Second time lucky');
    expect(terminal(events)).toMatchObject({
      type: 'completed',
      text: replyText('Second time lucky'),
    });
    expect(server.responsesRequests).toHaveLength(2);
  });

  it('never retries once text was streamed', async () => {
    await freshConversation();
    server.enqueue({ kind: 'drop', afterTokens: 2 });
    const events = await run('Cut me off');
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'connection_lost',
      partialText: twoTokens('Cut me off'),
    });
    expect(server.responsesRequests).toHaveLength(1);
    expect(server.responsesRequests[0]?.outcome).toBe('dropped');
  });
});

describe('run: failures', () => {
  it('maps a 401 to invalid_api_key and does not retry', async () => {
    await freshConversation();
    const wrongKey = createAssistantRunner({ apiKey: 'sk-wrong', baseURL: server.url });
    const events = await collect(
      wrongKey.run({ conversationId, input: 'Hi', assistant: ASSISTANT, limits: FAST_LIMITS }),
    );
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'invalid_api_key',
      retryable: false,
    });
    expect(server.responsesRequests).toHaveLength(1);
    expect(server.responsesRequests[0]?.status).toBe(401);
  });

  it('reports response.failed mid-stream as response_failed with the partial text', async () => {
    await freshConversation();
    server.setScript({ kind: 'failed', afterTokens: 2 });
    const events = await run('Fail half way');
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'response_failed',
      partialText: twoTokens('Fail half way'),
      responseId: expect.stringMatching(/^resp_/),
    });
    expect(server.responsesRequests).toHaveLength(1);
  });

  it('reports an error event mid-stream by its code, keeping the partial text', async () => {
    await freshConversation();
    server.setScript({ kind: 'error_event', afterTokens: 2 });
    const failed = await run('Error half way');
    expect(terminal(failed)).toMatchObject({
      type: 'failed',
      code: 'response_failed',
      partialText: twoTokens('Error half way'),
    });
    server.setScript({
      kind: 'error_event',
      afterTokens: 2,
      code: 'rate_limit_exceeded',
      message: 'Rate limit reached',
    });
    const limited = await run('Error half way');
    // Text had already streamed, so it is not retried even though the code is retryable.
    expect(terminal(limited)).toMatchObject({ type: 'failed', code: 'rate_limited' });
    expect(server.responsesRequests).toHaveLength(2);
  });

  it('reports a dropped connection as connection_lost', async () => {
    await freshConversation();
    server.setScript({ kind: 'drop', afterTokens: 3 });
    const events = await run('Drop the line please');
    const failed = terminal(events);
    expect(failed).toMatchObject({ type: 'failed', code: 'connection_lost', retryable: true });
    expect(tokenize((failed as { partialText: string }).partialText)).toHaveLength(3);
  });

  it('reports response.incomplete as response_incomplete with the partial text', async () => {
    await freshConversation();
    server.setScript({ kind: 'incomplete', afterTokens: 2 });
    const events = await run('Too long an answer');
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'response_incomplete',
      partialText: twoTokens('Too long an answer'),
    });
  });

  it('reports a content-filtered response as content_refused', async () => {
    await freshConversation();
    server.setScript({ kind: 'incomplete', afterTokens: 1, reason: 'content_filter' });
    const events = await run('Something filtered');
    expect(terminal(events)).toMatchObject({ type: 'failed', code: 'content_refused' });
  });

  it('reports a refusal as content_refused', async () => {
    await freshConversation();
    server.setScript({ kind: 'refusal' });
    const events = await run('Something refused');
    expect(events.some((e) => e.type === 'delta')).toBe(false);
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'content_refused',
      retryable: false,
      partialText: "I'm sorry, but I can't help with that.",
    });
  });

  it('maps context_length_exceeded to context_too_long without retrying', async () => {
    await freshConversation();
    server.setScript({ kind: 'context_too_long' });
    const events = await run('A very long chat');
    expect(terminal(events)).toMatchObject({ type: 'failed', code: 'context_too_long' });
    expect(server.responsesRequests).toHaveLength(1);
  });

  it('maps an unknown conversation (400) to bad_request', async () => {
    conversationId = 'conv_does_not_exist';
    const events = await run('Where am I?');
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'bad_request',
      retryable: false,
    });
    expect(server.responsesRequests[0]?.status).toBe(400);
  });

  it('reports network_error when nothing listens at the base URL', async () => {
    const gone = await startServer();
    await gone.server.close();
    const events = await collect(
      gone.runner.run({
        conversationId: 'conv_x',
        input: 'Hello?',
        assistant: ASSISTANT,
        limits: FAST_LIMITS,
      }),
    );
    expect(terminal(events)).toMatchObject({
      type: 'failed',
      code: 'network_error',
      retryable: true,
    });
  });

  it('fails with not_configured and sends nothing when there is no API key', async () => {
    const unconfigured = createAssistantRunner({ baseURL: server.url });
    expect(unconfigured.configured).toBe(false);
    const events = await collect(
      unconfigured.run({ conversationId: 'conv_x', input: 'Hello', assistant: ASSISTANT }),
    );
    expect(events).toEqual([
      {
        type: 'failed',
        code: 'not_configured',
        message: 'The assistant is not configured.',
        retryable: false,
        partialText: '',
        detail: expect.any(String),
      },
    ]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('run: markers in the user text', () => {
  it('[[fail]] and [[429once]] pick their behaviours for end-to-end tests', async () => {
    await freshConversation();
    const failed = await run('please [[fail]]');
    expect(terminal(failed)).toMatchObject({ type: 'failed', code: 'response_failed' });

    server.reset();
    const recovered = await run('hello [[429once]]', { firstTokenMs: 5_000 });
    expect(terminal(recovered)).toMatchObject({
      type: 'completed',
      text: replyText('hello [[429once]]'),
    });
    expect(server.responsesRequests.map((r) => r.status)).toEqual([429, 200]);
  });
});
