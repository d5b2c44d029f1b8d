// The authorization matrix: every procedure for an anonymous caller, the owner, another user, an
// admin and an API key. Nobody reads or changes another person's data.
import { appendMessage, createApiKey, withService } from '@zatten/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/actor';
import { seedUser, useApi, userActor } from './helpers';

const api = useApi();
const owner = userActor('user_owner');
const other = userActor('user_other');
const admin = userActor('user_admin', 'admin@example.com');
const anonymous: Actor = { kind: 'anonymous' };
let apiKey: Actor;
let chatId: string;
let messageId: string;

beforeAll(async () => {
  for (const id of ['user_owner', 'user_other']) await seedUser(api.database, id);
  await seedUser(api.database, 'user_admin', 'admin@example.com');
  const { apiKey: row } = await withService(api.database, (tx) =>
    createApiKey(tx, { name: 'matrix', scopes: ['chats:create', 'chats:read'], createdBy: null }),
  );
  apiKey = { kind: 'apiKey', apiKey: row };
  chatId = (await api.caller(owner).chat.create({ title: 'Owner only' })).id;
  messageId = (
    await withService(api.database, (tx) =>
      appendMessage(tx, {
        chatId,
        userId: 'user_owner',
        role: 'user',
        content: 'mine',
        status: 'complete',
      }),
    )
  ).id;
});

type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return (error as { code: Outcome }).code;
  }
}

const calls: Record<string, (actor: Actor) => Promise<unknown>> = {
  'me.get': (a) => api.caller(a).me.get(),
  'assistant.list': (a) => api.caller(a).assistant.list(),
  'chat.list': (a) => api.caller(a).chat.list({}),
  'chat.get': (a) => api.caller(a).chat.get({ id: chatId }),
  'chat.rename': (a) => api.caller(a).chat.rename({ id: chatId, title: 'Owner only' }),
  'message.list': (a) => api.caller(a).message.list({ chatId }),
  'message.get': (a) => api.caller(a).message.get({ id: messageId }),
  'message.send': (a) => api.caller(a).message.send({ chatId, content: 'hi' }),
  'apiKey.list': (a) => api.caller(a).apiKey.list(),
  'service.createChat': (a) =>
    api.caller(a).service.createChat({ chat: { userId: 'user_owner', title: 'From a system' } }),
  'chat.delete': (a) => api.caller(a).chat.delete({ id: chatId }),
};

// What each actor gets; `ok` for the owner means their own chat.
const expected: Record<string, Record<string, Outcome>> = {
  'me.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'assistant.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.rename': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.send': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'apiKey.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'service.createChat': {
    anonymous: 'UNAUTHORIZED',
    owner: 'UNAUTHORIZED',
    other: 'UNAUTHORIZED',
    admin: 'UNAUTHORIZED',
    apiKey: 'ok',
  },
  'chat.delete': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
};

describe('authorization matrix', () => {
  // Order matters only for chat.delete, which runs last (the owner's call removes the chat).
  for (const [name, call] of Object.entries(calls)) {
    it(name, async () => {
      const actors: Record<string, Actor> = { anonymous, other, admin, apiKey, owner };
      const got: Record<string, Outcome> = {};
      for (const [label, actor] of Object.entries(actors))
        got[label] = await outcome(() => call(actor));
      expect(got).toEqual(expected[name]);
      if (name === 'message.send') await api.services.runs.drain();
    });
  }

  it("never lists another person's chats", async () => {
    await api.caller(owner).chat.create({ title: 'Private' });
    const page = await api.caller(other).chat.list({ limit: 100 });
    expect(page.items.every((chat) => chat.user_id === 'user_other')).toBe(true);
  });

  it('lets an admin create, list and revoke API keys, showing the secret once', async () => {
    const { key, apiKey: created } = await api.caller(admin).apiKey.create({ name: 'Zapier' });
    expect(key).toMatch(/^zk_/);
    const listed = await api.caller(admin).apiKey.list();
    expect(listed.find((k) => k.id === created.id)).not.toHaveProperty('hash');
    expect(JSON.stringify(listed)).not.toContain(key);
    const revoked = await api.caller(admin).apiKey.revoke({ id: created.id });
    expect(revoked.revoked_at).not.toBeNull();
  });
});
