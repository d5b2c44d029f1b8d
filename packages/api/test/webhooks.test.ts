// Clerk webhooks, signed as Svix signs them, verified by Clerk's verifyWebhook.
import { getUser, withService } from '@zatten/db';
import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { handleClerkWebhook } from '../src/webhooks/clerk';
import { APP_URL, useApi } from './helpers';

const SECRET = `whsec_${Buffer.from('zatten-test-webhook-secret-32-bytes!').toString('base64')}`;
const api = useApi({ env: { CLERK_WEBHOOK_SIGNING_SECRET: SECRET } });

function delivery(id: string, payload: unknown, options: { secret?: string; at?: Date } = {}) {
  const body = JSON.stringify(payload);
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? SECRET).sign(id, at, body);
  return new Request(`${APP_URL}/api/webhooks/clerk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': signature,
    },
    body,
  });
}

const userEvent = (type: string, email: string, name = 'Carla') => ({
  type,
  object: 'event',
  data: {
    id: 'user_hook',
    first_name: name,
    last_name: 'Souza',
    image_url: 'https://img.example/c.png',
    primary_email_address_id: 'idn_1',
    email_addresses: [{ id: 'idn_1', email_address: email }],
  },
});

const user = () => withService(api.database, (tx) => getUser(tx, 'user_hook'));

describe('Clerk webhooks', () => {
  it('creates, updates and deletes users', async () => {
    const created = await handleClerkWebhook(
      delivery('msg_1', userEvent('user.created', 'carla@example.com')),
      api.services,
    );
    expect(created.status).toBe(200);
    expect(await user()).toMatchObject({
      email: 'carla@example.com',
      name: 'Carla Souza',
      image_url: 'https://img.example/c.png',
    });
    await handleClerkWebhook(
      delivery('msg_2', userEvent('user.updated', 'carla@new.example', 'Carla M.')),
      api.services,
    );
    expect(await user()).toMatchObject({ email: 'carla@new.example', name: 'Carla M. Souza' });
    const deleted = await handleClerkWebhook(
      delivery('msg_3', {
        type: 'user.deleted',
        object: 'event',
        data: { id: 'user_hook', deleted: true },
      }),
      api.services,
    );
    expect(deleted.status).toBe(200);
    expect(await user()).toBeUndefined();
  });

  it('refuses a bad signature and a stale timestamp; acknowledges a replay, changing nothing', async () => {
    const wrongSecret = `whsec_${Buffer.from('another-secret-another-secret-123').toString('base64')}`;
    const forged = await handleClerkWebhook(
      delivery('msg_10', userEvent('user.created', 'forged@example.com'), { secret: wrongSecret }),
      api.services,
    );
    expect(forged.status).toBe(400);
    const stale = await handleClerkWebhook(
      delivery('msg_11', userEvent('user.created', 'stale@example.com'), {
        at: new Date(Date.now() - 60 * 60 * 1000),
      }),
      api.services,
    );
    expect(stale.status).toBe(400);
    expect(await user()).toBeUndefined();

    const original = delivery('msg_12', userEvent('user.created', 'first@example.com'));
    const replay = original.clone();
    expect((await handleClerkWebhook(original, api.services)).status).toBe(200);
    await withService(api.database, (tx) =>
      tx
        .updateTable('users')
        .set({ name: 'Changed since' })
        .where('id', '=', 'user_hook')
        .execute(),
    );
    // A replay (Svix retries when our 2xx was lost) is acknowledged, so Svix stops retrying and
    // never disables the endpoint, and it is not applied a second time.
    const replayed = await handleClerkWebhook(replay, api.services);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toMatchObject({ received: true, outcome: 'replayed' });
    expect((await user())?.name).toBe('Changed since');

    // A replay whose signature was tampered with is still refused.
    const tampered = delivery('msg_12', userEvent('user.created', 'first@example.com'), {
      secret: wrongSecret,
    });
    expect((await handleClerkWebhook(tampered, api.services)).status).toBe(400);
  });

  // Found by the reliability fuzz (issue 12): a correctly signed delivery whose payload is not a
  // user event of the shape stored, or whose email another user has, was a 500.
  it('answers a signed but malformed or conflicting delivery with a 4xx problem, not a 500', async () => {
    const problemOf = async (response: Response) => ({
      status: response.status,
      type: response.headers.get('content-type'),
    });
    const notAnEvent = await handleClerkWebhook(delivery('msg_20', 'just a string'), api.services);
    expect(await problemOf(notAnEvent)).toEqual({ status: 400, type: 'application/problem+json' });
    const nulInName = await handleClerkWebhook(
      delivery('msg_21', userEvent('user.created', 'nul@example.com', 'Ca\u0000rla')),
      api.services,
    );
    expect(await problemOf(nulInName)).toEqual({ status: 400, type: 'application/problem+json' });
    const wrongTypes = await handleClerkWebhook(
      delivery('msg_22', { type: 'user.updated', data: { id: 'user_hook', first_name: 7 } }),
      api.services,
    );
    expect(await problemOf(wrongTypes)).toEqual({ status: 400, type: 'application/problem+json' });
    await withService(api.database, (tx) =>
      tx.deleteFrom('users').where('id', '=', 'user_hook').execute(),
    );
    await handleClerkWebhook(
      delivery('msg_23', userEvent('user.created', 'taken@example.com')),
      api.services,
    );
    const other = userEvent('user.created', 'taken@example.com');
    other.data.id = 'user_hook_other';
    const taken = await handleClerkWebhook(delivery('msg_24', other), api.services);
    expect(await problemOf(taken)).toEqual({ status: 409, type: 'application/problem+json' });
    // Not recorded as delivered: Svix's retry, once the email is free, is processed.
    await withService(api.database, (tx) =>
      tx.deleteFrom('users').where('id', '=', 'user_hook').execute(),
    );
    const retried = await handleClerkWebhook(delivery('msg_24', other), api.services);
    expect(await retried.json()).toMatchObject({ outcome: 'synced' });
  });
});
