// `pnpm api-key:create --name <name> [--scope chats:create --scope chats:read]`: creates an API
// key for bootstrapping (before any admin has signed in) and prints it on its last line. Uses
// DATABASE_URL, or the embedded Postgres when it is unset.
import { parseArgs } from 'node:util';
import { loadEnvironment } from '@zatten/config';
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  createApiKey,
  createDatabase,
  migrate,
  withService,
} from '@zatten/db';
import { resolveDatabase } from '@zatten/db/local';
import { z } from 'zod';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    scope: { type: 'string', multiple: true },
  },
});

const input = z
  .object({
    name: z.string({ error: 'give the key a name: --name <name>' }).trim().min(1).max(100),
    scope: z.array(z.enum(API_KEY_SCOPES)).min(1).default(['chats:create']),
  })
  .safeParse(values);
if (!input.success) {
  console.error(`api-key:create: ${input.error.issues.map((i) => i.message).join('; ')}`);
  process.exit(2);
}

loadEnvironment();
const resolved = await resolveDatabase();
const database = createDatabase(resolved.url, { max: 1 });
try {
  await migrate(resolved.directUrl);
  const { key, apiKey } = await withService(database, (tx) =>
    createApiKey(tx, {
      name: input.data.name,
      scopes: input.data.scope as ApiKeyScope[],
      createdBy: null,
    }),
  );
  console.log(
    `Created API key "${apiKey.name}" (${apiKey.prefix}, scopes: ${apiKey.scopes.join(', ')}).`,
  );
  console.log('It is shown only now; store it safely:');
  console.log(key);
} finally {
  await database.close();
  await resolved.stop();
}
