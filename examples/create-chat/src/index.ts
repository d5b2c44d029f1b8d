// Run against a Zatten installation:
//   ZATTEN_URL=http://localhost:3000 ZATTEN_API_KEY=zk_... pnpm --filter @zatten/example-create-chat start you@example.com
// With the person's session token as ZATTEN_TOKEN and a question, it also asks it in the new
// chat and prints the reply as it streams:
//   ZATTEN_TOKEN=<session token> ... start you@example.com "What can you do?"
import { ask } from './ask';
import { createWelcomeChat } from './create-chat';
import { readExampleEnv } from './env';

const { ZATTEN_URL: url, ZATTEN_API_KEY: apiKey, ZATTEN_TOKEN: token } = readExampleEnv();
const [email, question] = process.argv.slice(2);
if (!apiKey || !email) {
  console.error(
    'usage: ZATTEN_API_KEY=zk_... [ZATTEN_TOKEN=...] tsx src/index.ts <email> [question] (ZATTEN_URL defaults to http://localhost:3000)',
  );
  process.exit(2);
}
const { created, replayed, listed } = await createWelcomeChat({
  url,
  apiKey,
  email,
  title: 'Welcome to Zatten',
});
console.log(
  `${replayed ? 'found' : 'created'} ${created.id} for ${created.userId}: ${created.url}`,
);
console.log(`${listed.length} chat(s): ${listed.map((c) => c.title).join(', ')}`);
if (token && question) {
  const message = await ask({
    url,
    getToken: async () => token,
    chatId: created.id,
    question,
    onText: (text) => process.stdout.write(text),
  });
  console.log(`\n(${message.status}${message.error_code ? `: ${message.error_code}` : ''})`);
}
