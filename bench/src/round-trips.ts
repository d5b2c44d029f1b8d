// `pnpm --filter @zatten/bench exec tsx src/round-trips.ts`: counts the database round trips of
// one message.send, of the follow that comes after it, of the two lists and of one REST create, by wrapping
// node-postgres's Client#query in this process (the API served over node:http, no Next.js), and
// prints each statement. Evidence for docs/benchmarks.md; asserts nothing.
import { handleCreateChat } from '@zatten/api/server';
import { startZattenTestServer } from '@zatten/api/testing';
import { startTestServer } from '@zatten/db/testing';
import pg from 'pg';

let statements: string[] = [];
type Query = (...args: unknown[]) => unknown;
const client = pg.Client.prototype as unknown as { query: Query };
const original = client.query;
client.query = function (this: unknown, ...args: unknown[]) {
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? '?');
  statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 100));
  return original.apply(this, args);
};

function report(label: string) {
  console.log(`${label}: ${statements.length} round trips`);
  for (const statement of statements) console.log(`  ${statement}`);
  statements = [];
}

const server = await startTestServer();
const zatten = await startZattenTestServer(server);
try {
  const token = await zatten.token('user_probe', 'probe@example.com');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const mutate = async (path: string, input: unknown) => {
    const reply = await fetch(`${zatten.url}/api/trpc/${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
    });
    return ((await reply.json()) as { result: { data: { id: string } & Record<string, unknown> } })
      .result.data;
  };
  const follow = async (messageId: string) => {
    const input = encodeURIComponent(JSON.stringify({ messageId }));
    const reply = await fetch(`${zatten.url}/api/trpc/message.stream?input=${input}`, { headers });
    await reply.text();
  };
  const send = async (chatId: string) =>
    (await mutate('message.send', { chatId, content: 'hi' })) as unknown as {
      assistantMessage: { id: string };
    };
  const chat = await mutate('chat.create', { title: 'Round trips' });
  // Warm: the person is provisioned, the assistant cached, the first exchange named.
  await follow((await send(chat.id)).assistantMessage.id);
  await new Promise((resolve) => setTimeout(resolve, 500));
  statements = [];
  const sent = await send(chat.id);
  report('message.send');
  await follow(sent.assistantMessage.id);
  report('message.stream (the whole reply, the run writing it included)');
  const read = async (path: string, input: unknown) => {
    const encoded = encodeURIComponent(JSON.stringify(input));
    const reply = await fetch(`${zatten.url}/api/trpc/${path}?input=${encoded}`, { headers });
    if (!reply.ok) throw new Error(`${path}: ${reply.status} ${await reply.text()}`);
  };
  statements = [];
  await read('chat.list', { limit: 30 });
  report('chat.list');
  await read('message.list', { chatId: chat.id, limit: 50 });
  report('message.list');
  const key = await zatten.apiKey();
  const create = () =>
    handleCreateChat(
      new Request('http://bench/api/v1/chats', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'user_probe', title: 'REST' }),
      }),
      zatten.services,
    );
  await create();
  statements = [];
  await create();
  report('POST /api/v1/chats');
} finally {
  await zatten.close();
  await server.teardown();
}
process.exit(0);
