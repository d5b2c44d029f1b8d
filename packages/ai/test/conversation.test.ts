import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AiError, type AssistantRunner, createAssistantRunner } from '../src';
import type { OpenAITestServer } from '../src/testing';
import { startServer } from './helpers';

let server: OpenAITestServer;
let runner: AssistantRunner;

beforeAll(async () => {
  ({ server, runner } = await startServer());
});
afterAll(() => server.close());
afterEach(() => server.reset());

describe('ensureConversation', () => {
  it('creates a conversation whose metadata ties it to the chat and the user', async () => {
    const id = await runner.ensureConversation({ chatId: 'chat_42', userId: 'user_7' });
    expect(id).toMatch(/^conv_/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/conversations' });
    expect(server.requests[0]?.body).toEqual({
      metadata: { app: 'zatten-chat', chat_id: 'chat_42', user_id: 'user_7' },
    });
    expect(server.conversations.get(id)?.metadata).toEqual({
      app: 'zatten-chat',
      chat_id: 'chat_42',
      user_id: 'user_7',
    });
  });

  it('returns the existing conversation id without calling the API', async () => {
    const id = await runner.ensureConversation({
      chatId: 'chat_42',
      userId: 'user_7',
      existingConversationId: 'conv_existing',
    });
    expect(id).toBe('conv_existing');
    expect(server.requests).toHaveLength(0);
  });

  it('throws an AiError with invalid_api_key when the key is rejected', async () => {
    const wrong = createAssistantRunner({ apiKey: 'sk-wrong', baseURL: server.url });
    const error = await wrong
      .ensureConversation({ chatId: 'chat_1', userId: 'user_1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiError);
    expect(error).toMatchObject({
      aiCode: 'invalid_api_key',
      reason: 'invalid_api_key',
      retryable: false,
    });
    expect(server.requests[0]?.status).toBe(401);
  });

  it('throws an AiError with not_configured and sends nothing without a key', async () => {
    const unconfigured = createAssistantRunner({ baseURL: server.url });
    await expect(
      unconfigured.ensureConversation({ chatId: 'chat_1', userId: 'user_1' }),
    ).rejects.toMatchObject({
      name: 'AiError',
      aiCode: 'not_configured',
      reason: 'not_configured',
    });
    expect(server.requests).toHaveLength(0);
  });
});
