// Run against a Zatten installation:
//   ZATTEN_URL=http://localhost:3000 ZATTEN_API_KEY=zk_... pnpm --filter @zatten/example-create-chat start you@example.com
import { createWelcomeChat } from './create-chat';
import { readExampleEnv } from './env';

const { ZATTEN_URL: url, ZATTEN_API_KEY: apiKey } = readExampleEnv();
const email = process.argv[2];
if (!apiKey || !email) {
  console.error(
    'usage: ZATTEN_API_KEY=zk_... tsx src/index.ts <email> (ZATTEN_URL defaults to http://localhost:3000)',
  );
  process.exit(2);
}
const { created, listed } = await createWelcomeChat({
  url,
  apiKey,
  email,
  title: 'Welcome to Zatten',
});
console.log(`created ${created.id} for ${created.userId}: ${created.url}`);
console.log(`${listed.length} chat(s): ${listed.map((c) => c.title).join(', ')}`);
