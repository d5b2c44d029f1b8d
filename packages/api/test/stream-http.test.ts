// message.stream over HTTP (the fetch handler the app mounts). A follower that leaves (a closed
// tab, a navigation) ends its request: that is the client's choice, not a server failure, so
// nothing is logged at error level for it, and the reply keeps running for everyone else. Each
// SSE frame leaves as one chunk (one write to the socket), not one per line.
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

async function openStream(userId: string, messageId: string, signal?: AbortSignal) {
  const token = await api.clerk.sign({ sub: userId, email: `${userId}@example.com` });
  const input = encodeURIComponent(JSON.stringify({ messageId }));
  return handleTRPCRequest(
    new Request(`${APP_URL}/api/trpc/message.stream?input=${input}`, {
      headers: { authorization: `Bearer ${token}` },
      ...(signal && { signal }),
    }),
    { services: api.services, endpoint: '/api/trpc' },
  );
}

describe('the frames of a stream', () => {
  it('each leave as one chunk', async () => {
    await seedUser(api.database, 'user_frames');
    const caller = api.caller(userActor('user_frames'));
    const chat = await caller.chat.create({});
    const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: 'hello' });
    const response = await openStream('user_frames', assistantMessage.id);
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    const reader = response.body?.getReader();
    for (;;) {
      const read = await reader?.read();
      if (!read || read.done) break;
      chunks.push(decoder.decode(read.value));
    }
    expect(chunks.join('')).toContain('"type":"end"');
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      // One whole frame: it ends with the blank line, and holds no other.
      expect(chunk.endsWith('\n\n')).toBe(true);
      expect(chunk.replace(/\n+$/, '')).not.toContain('\n\n');
    }
    await api.services.runs.drain();
  });
});

describe('a follower who leaves', () => {
  it('is not logged as an error, and the reply still ends complete', async () => {
    await seedUser(api.database, 'user_leaves');
    const caller = api.caller(userActor('user_leaves'));
    const chat = await caller.chat.create({});
    const { assistantMessage } = await caller.message.send({ chatId: chat.id, content: 'hello' });
    const leave = new AbortController();
    const response = await openStream('user_leaves', assistantMessage.id, leave.signal);
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
