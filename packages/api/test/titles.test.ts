// Every chat gets a title: the model's after the first complete reply, the person's first line
// when that reply fails or is stopped, and never over a name the person chose.
import { createAssistantRunner, fallbackTitle } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer, titleText } from '@zatten/ai/testing';
import { getMessage, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../src/runs/events';
import { collect, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;

beforeAll(async () => {
  openai = await startOpenAITestServer({ tokenDelayMs: 2, slowTokenDelayMs: 40 });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  runs: {
    persistIntervalMs: 100,
    limits: { firstTokenMs: 3000, idleMs: 1000, backoffMs: 20, maxBackoffMs: 50 },
  },
  sendsPerMinute: 1000,
});
const ana = userActor('user_titles');

beforeAll(async () => {
  await seedUser(api.database, 'user_titles');
});

async function settled(id: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const message = await withService(api.database, (tx) => getMessage(tx, id));
    if (message && !['pending', 'streaming'].includes(message.status)) return message;
    if (Date.now() > deadline) throw new Error(`message ${id} is still ${message?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('chat titles', () => {
  it('names a chat from the first line of the question when the first reply fails', async () => {
    const chat = await api.caller(ana).chat.create({});
    const question = 'Why does my build break? [[401]]\nHere is the log: ...';
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: question });
    expect((await settled(assistantMessage.id)).status).toBe('failed');
    await api.services.runs.drain();
    const named = await api.caller(ana).chat.get({ id: chat.id });
    expect(named.title_source).not.toBe('placeholder');
    expect(named.title).toBe(fallbackTitle(question));
    expect(named.title).toBe('Why does my build break? [[401]]');
  });

  it('names a chat from the question when the first reply is stopped', async () => {
    const chat = await api.caller(ana).chat.create({});
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Tell me a long story [[slow]]' });
    await collect<StreamEvent>(
      await api.caller(ana).message.stream({ messageId: assistantMessage.id }),
      (_d, all) => all.length >= 2,
    );
    await api.caller(ana).message.cancel({ messageId: assistantMessage.id });
    await api.services.runs.drain();
    const named = await api.caller(ana).chat.get({ id: chat.id });
    expect(named.title).toBe('Tell me a long story [[slow]]');
  });

  it('keeps the name the person chose, whatever the reply does', async () => {
    const chat = await api.caller(ana).chat.create({});
    await api.caller(ana).chat.rename({ id: chat.id, title: 'My own name' });
    const failing = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Break [[500]]' });
    await settled(failing.assistantMessage.id);
    await api.services.runs.drain();
    expect(await api.caller(ana).chat.get({ id: chat.id })).toMatchObject({
      title: 'My own name',
      title_source: 'user',
    });
  });

  it('names a chat with the model title after a complete first reply', async () => {
    const chat = await api.caller(ana).chat.create({});
    const { assistantMessage } = await api
      .caller(ana)
      .message.send({ chatId: chat.id, content: 'Plan a trip to Lisbon' });
    expect((await settled(assistantMessage.id)).status).toBe('complete');
    await api.services.runs.drain();
    expect((await api.caller(ana).chat.get({ id: chat.id })).title).toBe(
      titleText('Plan a trip to Lisbon'),
    );
  });
});
