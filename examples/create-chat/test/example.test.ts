// The example runs against a real HTTP server that mounts the api package's tRPC handler on a
// real database, as the web app does. It imports @zatten/client through its package exports
// (the built dist), exactly as an app outside this repository would.
import { replyText } from '@zatten/ai/testing';
import { startZattenTestServer, type ZattenTestServer } from '@zatten/api/testing';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { ask } from '../src/ask';
import { createWelcomeChat } from '../src/create-chat';

let server: ZattenTestServer;

beforeAll(async () => {
  server = await startZattenTestServer(inject('testServer'));
  await server.seedUser('user_ex', 'Dora@Example.com');
});

afterAll(async () => {
  await server?.close();
});

it('creates a chat for a user by email and lists it, through the typed client', async () => {
  const key = await server.apiKey();
  const options = { url: server.url, apiKey: key, email: 'dora@example.com', title: 'Welcome' };
  const { created, replayed, listed } = await createWelcomeChat(options);
  expect(created).toMatchObject({ userId: 'user_ex', title: 'Welcome', source: 'api' });
  expect(replayed).toBe(false);
  expect(listed.map((c) => c.id)).toContain(created.id);
  // Running it again (a retry) does not make a second chat.
  const again = await createWelcomeChat(options);
  expect(again).toMatchObject({ replayed: true, created: { id: created.id } });
  expect(again.listed.filter((c) => c.title === 'Welcome')).toHaveLength(1);
});

it('asks a question as the person and reads the reply as it streams', async () => {
  const { created } = await createWelcomeChat({
    url: server.url,
    apiKey: await server.apiKey(),
    email: 'dora@example.com',
    title: 'Questions',
  });
  const pieces: string[] = [];
  const message = await ask({
    url: server.url,
    getToken: () => server.token('user_ex', 'dora@example.com'),
    chatId: created.id,
    question: 'What can you do?',
    onText: (text) => pieces.push(text),
  });
  expect(message).toMatchObject({ role: 'assistant', status: 'complete' });
  expect(pieces.join('')).toBe(replyText('What can you do?'));
  expect(message.content).toBe(pieces.join(''));
});

it('surfaces a typed error for a bad key', async () => {
  await expect(
    createWelcomeChat({
      url: server.url,
      apiKey: 'zk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      email: 'dora@example.com',
      title: 'x',
    }),
  ).rejects.toMatchObject({ name: 'ZattenError', code: 'UNAUTHORIZED', httpStatus: 401 });
});
