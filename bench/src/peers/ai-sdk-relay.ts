// Benchmark peer: the Vercel AI SDK's idiomatic relay. POST /chat runs `streamText` on the OpenAI
// provider (Responses API, pointed at the fake upstream) and pipes the UI message stream (SSE).
import { createServer } from 'node:http';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';

const openai = createOpenAI({ apiKey: 'bench', baseURL: process.env.UPSTREAM_URL });

const server = createServer((req, res) => {
  req.resume();
  const result = streamText({ model: openai('gpt-5-mini'), prompt: 'hi' });
  result.pipeUIMessageStreamToResponse(res);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`ready http://127.0.0.1:${address.port}`);
});
