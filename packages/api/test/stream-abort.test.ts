// A follower that leaves (a closed tab, a navigation) ends its message.stream request: that is
// the client's choice, not a server failure, so nothing is logged at error level for it, and the
// reply keeps running for everyone else.
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleTRPCRequest } from '../src/server';
import { APP_URL, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
beforeAll(async () => {
  openai = await startOpenAITestServer({ tokenDelayMs: 20 });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
});

describe('a follower who leaves', () => {
  it('is not logged as an error, and the reply still ends complete', async () => {
    await seedUser(api.database, 'user_leaves');
    const caller = api.caller(userActor('user_leaves'));
    const chat = await caller.chat.create({});
    const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: 'hello' });
    const token = await api.clerk.sign({ sub: 'user_leaves', email: 'user_leaves@example.com' });
    const leave = new AbortController();
    const input = encodeURIComponent(JSON.stringify({ messageId: assistantMessage.id }));
    const response = await handleTRPCRequest(
      new Request(`${APP_URL}/api/trpc/message.stream?input=${input}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: leave.signal,
      }),
      { services: api.services, endpoint: '/api/trpc' },
    );
    expect(response.status).toBe(200);
    // Gone before the first frame: the usual case for a tab closed right after a send.
    leave.abort();
    const reader = response.body?.getReader();
    await reader?.read().catch(() => {});
    await reader?.cancel().catch(() => {});
    await api.services.runs.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const errors = api.logs.filter((line) => JSON.parse(line).level === 'error');
    expect(errors).toEqual([]);
    const reply = await caller.message.get({ id: assistantMessage.id });
    expect(reply.status).toBe('complete');
  });
});
