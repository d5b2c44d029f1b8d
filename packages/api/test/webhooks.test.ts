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
});
