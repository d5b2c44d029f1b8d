// The API key lifecycle as the admin console drives it: create (the secret once), list (prefix,
// scopes, last use, creator), use, revoke, and the key refused afterwards. The console calls the
// same apiKey procedures, and through them the same service as `pnpm api-key:create`.
import { beforeAll, expect, it } from 'vitest';
import { createInnerContext, resolveActor } from '../src/context';
import { createCaller } from '../src/root';
import { seedUser, useApi, userActor } from './helpers';

const api = useApi();
const admin = userActor('user_admin', 'admin@example.com');

beforeAll(async () => {
  await seedUser(api.database, 'user_admin', 'admin@example.com');
  await seedUser(api.database, 'user_ana', 'ana@example.com');
});

async function callerFor(key: string) {
  const request = new Request('http://localhost/api/trpc', {
    headers: { authorization: `Bearer ${key}` },
  });
  const { actor, authError } = await resolveActor(api.services, request);
  return { authError, caller: createCaller(createInnerContext({ services: api.services, actor })) };
}

it('creates a key shown once, lists it with its creator, records use, and revokes it', async () => {
  const { key, apiKey } = await api
    .caller(admin)
    .apiKey.create({ name: 'CRM', scopes: ['chats:create', 'chats:read'] });
  expect(key.startsWith(`${apiKey.prefix}_`)).toBe(true);

  const { caller } = await callerFor(key);
  const { chat } = await caller.service.createChat({
    chat: { email: 'ana@example.com', title: 'From the CRM' },
  });
  expect(chat.userId).toBe('user_ana');

  const listed = (await api.caller(admin).apiKey.list()).find((row) => row.id === apiKey.id);
  expect(listed).toMatchObject({
    name: 'CRM',
    prefix: apiKey.prefix,
    scopes: ['chats:create', 'chats:read'],
    created_by_email: 'admin@example.com',
    revoked_at: null,
  });
  expect(listed?.last_used_at).not.toBeNull();
  expect(JSON.stringify(listed)).not.toContain(key);

  await api.caller(admin).apiKey.revoke({ id: apiKey.id });
  const after = await callerFor(key);
  expect(after.authError).toBe('api-key-invalid');
  await expect(after.caller.service.getChat({ id: chat.id })).rejects.toMatchObject({
    code: 'UNAUTHORIZED',
  });
});

it('refuses an unknown scope with a 400', async () => {
  await expect(
    api.caller(admin).apiKey.create({ name: 'Bad', scopes: ['chats:delete' as 'chats:read'] }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
});
