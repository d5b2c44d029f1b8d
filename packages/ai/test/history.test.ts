// A run that sends a branch's history instead of answering in a stored Conversation: what goes
// on the wire (read back from the test server, which validates message items as the API does),
// and that a server implementing only the Responses API answers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseInput } from '../src';
import { type OpenAITestServer, replyText, startOpenAITestServer } from '../src/testing';
import { API_KEY, ASSISTANT, collect, FAST_LIMITS, startServer, terminal } from './helpers';

const TURNS = [
  { role: 'user', text: 'What is 2 + 2?' },
  { role: 'assistant', text: 'It is 4.' },
  { role: 'user', text: 'And times 3?' },
] as const;

describe('a run with the branch history as input', () => {
  let server: OpenAITestServer;
  let runner: Awaited<ReturnType<typeof startServer>>['runner'];
  beforeAll(async () => {
    ({ server, runner } = await startServer({ responsesOnly: true }));
  });
  afterAll(() => server.close());

  it('sends each turn once, in order, with no conversation, and answers the last question', async () => {
    const events = await collect(
      runner.run({
        input: TURNS,
        assistant: ASSISTANT,
        metadata: { chat_id: 'chat_1', message_id: 'msg_1' },
        limits: FAST_LIMITS,
      }),
    );
    expect(terminal(events)).toMatchObject({
      type: 'completed',
      text: replyText('And times 3?'),
      responseId: expect.stringMatching(/^resp_/),
    });
    const [request] = server.responsesRequests;
    expect(request?.input).toEqual([
      { type: 'message', role: 'user', content: 'What is 2 + 2?' },
      { type: 'message', role: 'assistant', content: 'It is 4.' },
      { type: 'message', role: 'user', content: 'And times 3?' },
    ]);
    expect(request?.body).not.toHaveProperty('conversation');
    expect(request?.body).not.toHaveProperty('previous_response_id');
    expect(request?.body).toMatchObject({ metadata: { chat_id: 'chat_1', message_id: 'msg_1' } });
    // The server has no Conversations API at all: nothing else was asked of it.
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/responses']);
  });

  it('maps turns to plain message items', () => {
    expect(responseInput([])).toEqual([]);
    expect(responseInput([{ role: 'assistant', text: '' }])).toEqual([
      { type: 'message', role: 'assistant', content: '' },
    ]);
  });
});

describe('the test server checks message items as the API does', () => {
  let server: OpenAITestServer;
  beforeAll(async () => {
    server = await startOpenAITestServer({ apiKey: API_KEY });
  });
  afterAll(() => server.close());

  const post = (input: unknown) =>
    fetch(`${server.url}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', input }),
    });

  it('rejects an unknown role, a missing content and a part the role may not send', async () => {
    const badRole = await post([{ role: 'robot', content: 'x' }]);
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: { param: string } }).error.param).toBe(
      'input[0].role',
    );
    const noContent = await post([{ role: 'user', content: 'ok' }, { role: 'assistant' }]);
    expect(noContent.status).toBe(400);
    expect(((await noContent.json()) as { error: { param: string } }).error.param).toBe(
      'input[1].content',
    );
    const wrongPart = await post([
      { role: 'assistant', content: [{ type: 'input_text', text: 'x' }] },
    ]);
    expect(wrongPart.status).toBe(400);
    expect(((await wrongPart.json()) as { error: { param: string } }).error.param).toBe(
      'input[0].content[0].type',
    );
    const fine = await post([
      { role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'output_text', text: 'hello', annotations: [] }] },
      { type: 'message', role: 'user', content: 'again' },
    ]);
    expect(fine.status).toBe(200);
    await fine.text();
  });

  it('answers 404 on the Conversations API when it serves Responses only', async () => {
    const only = await startOpenAITestServer({ apiKey: API_KEY, responsesOnly: true });
    try {
      const response = await fetch(`${only.url}/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(404);
    } finally {
      await only.close();
    }
  });
});
