// When the provider cannot be reached, the console's model list says so (free entry) instead
// of failing.
import { createAssistantRunner } from '@zatten/ai';
import { beforeAll, expect, it } from 'vitest';
import { seedUser, useApi, userActor } from './helpers';

// Port 9 (discard) refuses connections on these machines.
const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: 'http://127.0.0.1:9/v1' }),
});
const admin = userActor('user_admin', 'admin@example.com');
beforeAll(() => seedUser(api.database, 'user_admin', 'admin@example.com'));

it('answers reachable: false with no models, and health shows the provider down', async () => {
  expect(await api.caller(admin).admin.models.list()).toMatchObject({
    reachable: false,
    models: [],
  });
  const health = await api.caller(admin).admin.overview.health();
  expect(health).toMatchObject({
    database: { ok: true },
    ai: { configured: true, reachable: false },
    realtime: 'local',
  });
});
