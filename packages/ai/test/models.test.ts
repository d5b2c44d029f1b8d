// The provider's model list through the official SDK, read from the OpenAI test server's
// `GET /v1/models` (paginated list object), and the refusals without a key or a server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAssistantRunner } from '../src/runner';
import { type OpenAITestServer, startOpenAITestServer } from '../src/testing';

let server: OpenAITestServer;
beforeAll(async () => {
  server = await startOpenAITestServer({ apiKey: 'k', models: ['o4-mini', 'gpt-5', 'gpt-5'] });
});
afterAll(() => server.close());

it('lists the model ids, sorted and without repeats', async () => {
  const runner = createAssistantRunner({ apiKey: 'k', baseURL: server.url });
  expect(await runner.listModels()).toEqual(['gpt-5', 'o4-mini']);
});

it('fails with a typed error without a key, with a wrong key, or without a server', async () => {
  await expect(createAssistantRunner({}).listModels()).rejects.toMatchObject({
    aiCode: 'not_configured',
  });
  await expect(
    createAssistantRunner({ apiKey: 'wrong', baseURL: server.url }).listModels(),
  ).rejects.toMatchObject({ name: 'AiError' });
  await expect(
    createAssistantRunner({ apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1' }).listModels({
      timeoutMs: 2000,
    }),
  ).rejects.toMatchObject({ name: 'AiError' });
});
