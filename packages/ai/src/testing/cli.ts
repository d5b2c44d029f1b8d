// Starts the OpenAI test server for end-to-end runs and prints its base URL; point
// OPENAI_BASE_URL at it. Usage: tsx src/testing/cli.ts [port]
// Env: OPENAI_TEST_SERVER_PORT, OPENAI_TEST_SERVER_API_KEY, OPENAI_TEST_SERVER_TOKEN_DELAY_MS,
// OPENAI_TEST_SERVER_SLOW_TOKEN_DELAY_MS. Stops on SIGINT / SIGTERM.

import { readTestServerEnv } from './env';
import { startOpenAITestServer } from './server';

function numberFrom(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  }
  return parsed;
}

async function main(): Promise<void> {
  const env = readTestServerEnv();
  const port = numberFrom(process.argv[2], 'port argument') ?? env.OPENAI_TEST_SERVER_PORT;
  const server = await startOpenAITestServer({
    port,
    ...(env.OPENAI_TEST_SERVER_API_KEY ? { apiKey: env.OPENAI_TEST_SERVER_API_KEY } : {}),
    tokenDelayMs: env.OPENAI_TEST_SERVER_TOKEN_DELAY_MS,
    slowTokenDelayMs: env.OPENAI_TEST_SERVER_SLOW_TOKEN_DELAY_MS,
  });
  console.log(server.url);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
