// `pnpm --filter @zatten/bench exec tsx src/send-burst.ts [N] [rounds]`: the latency of N
// concurrent message.send calls (default 200), one per person in a chat of their own, served
// over node:http without Next.js against PostgreSQL (DATABASE_URL, else the embedded server).
// What the send path alone costs under a burst, for comparing two trees of the code on one
// machine; prints medians and p99 per round, asserts nothing.
import { startZattenTestServer } from '@zatten/api/testing';
import { startTestServer } from '@zatten/db/testing';
import { percentile } from './stats';

const burst = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 3);

const server = await startTestServer();
const zatten = await startZattenTestServer(server);
try {
  const call = async (token: string, path: string, input: unknown) => {
    const reply = await fetch(`${zatten.url}/api/trpc/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await reply.json()) as { result?: { data: { id: string } } };
    if (!reply.ok || !body.result) throw new Error(`${path}: ${reply.status}`);
    return body.result.data;
  };
  const seats: { token: string; chatId: string }[] = [];
  for (let i = 0; i < burst; i++) {
    const token = await zatten.token(`user_burst_${i}`, `burst${i}@example.com`);
    seats.push({ token, chatId: (await call(token, 'chat.create', { title: 'Burst' })).id });
  }
  // Warm: the assistant's row cached, every person provisioned.
  await call(seats[0]?.token ?? '', 'message.send', { chatId: seats[0]?.chatId, content: 'warm' });
  await zatten.services.runs.drain();
  for (let round = 1; round <= rounds; round++) {
    const times: number[] = [];
    let failed = 0;
    await Promise.all(
      seats.map(async ({ token, chatId }) => {
        const started = performance.now();
        try {
          await call(token, 'message.send', { chatId, content: `round ${round}` });
          times.push(performance.now() - started);
        } catch {
          failed++;
        }
      }),
    );
    await zatten.services.runs.drain();
    times.sort((a, b) => a - b);
    console.log(
      `round ${round}: ${burst} sends, median ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, failed ${failed}`,
    );
  }
} finally {
  await zatten.close();
  await server.teardown();
}
process.exit(0);
