// The fake upstream every streaming benchmark shares: the OpenAI test server from @zatten/ai,
// answering each Response with 200 tokens 5 ms apart after 50 ms (BENCH_TOKENS etc. override).
import { startOpenAITestServer } from '@zatten/ai/testing';

const tokens = Number(process.env.BENCH_TOKENS ?? 200);
const text = Array.from({ length: tokens }, (_, i) => `w${i}`).join(' ');

const script = () => ({
  kind: 'reply' as const,
  text,
  tokenDelayMs: Number(process.env.BENCH_TOKEN_DELAY_MS ?? 5),
  firstTokenDelayMs: Number(process.env.BENCH_FIRST_TOKEN_MS ?? 50),
});
const server = await startOpenAITestServer({ port: Number(process.env.PORT ?? 0), script });
// The server records every request for tests; a benchmark sends tens of thousands, so forget them.
setInterval(() => {
  server.reset();
  server.setScript(script);
}, 2000).unref();
console.log(`ready ${server.url}`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
