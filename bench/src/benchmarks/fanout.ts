// Fan-out: one REST create reaching 1,000 open events.user streams of its user (Zatten's local
// realtime relay over tRPC SSE) and, from the same INSERT's NOTIFY, 1,000 streams of the bare
// LISTEN server. Latency is from the POST to each subscriber's first byte of the event.
import http from 'node:http';
import { agent, call } from '../http';
import { cpuSeconds } from '../machine';
import type { Child } from '../processes';
import { type Section, table, underLoad } from '../section';
import { fmt, median, p99, ratio } from '../stats';
import { type BenchUser, queryUrl, trpcHeaders, type Zatten } from '../zatten';

interface Subscriber {
  /** Called with each data chunk after `arm`. */
  waiting: ((at: number) => void) | null;
  req: http.ClientRequest;
}

function subscribe(url: string, headers: Record<string, string>): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const sub: Subscriber = { waiting: null, req: null as unknown as http.ClientRequest };
    sub.req = http.get(url, { agent, headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
      // Closing the subscribers at the end resets their sockets; that is not a failure.
      res.on('error', () => {});
      res.on('data', (chunk: Buffer) => {
        // Keep-alive comments and tRPC's connected frame are not events.
        const text = chunk.toString();
        if (!sub.waiting || !text.includes('data:') || text.includes('"connected"')) return;
        const done = sub.waiting;
        sub.waiting = null;
        done(performance.now());
      });
      resolve(sub);
    });
    sub.req.on('error', reject);
  });
}

export async function fanoutBenchmark(targets: {
  zatten: Zatten;
  listen: Child;
  user: BenchUser;
  apiKey: string;
  subscribers: number;
  rounds: number;
}): Promise<Section> {
  const zattenSubs: Subscriber[] = [];
  const bareSubs: Subscriber[] = [];
  for (let i = 0; i < targets.subscribers; i++) {
    zattenSubs.push(
      await subscribe(queryUrl(targets.zatten, 'events.user', {}), trpcHeaders(targets.user)),
    );
    bareSubs.push(await subscribe(`${targets.listen.url}/events`, {}));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const zLat: number[] = [];
  const bLat: number[] = [];
  let cpuZ = 0;
  const { load } = await underLoad(async () => {
    for (let round = 0; round < targets.rounds; round++) {
      const arm = (subs: Subscriber[], into: number[], start: () => number) =>
        Promise.all(
          subs.map(
            (sub) =>
              new Promise<void>((resolve) => {
                const timer = setTimeout(() => {
                  sub.waiting = null;
                  into.push(Number.POSITIVE_INFINITY);
                  resolve();
                }, 15_000);
                sub.waiting = (at) => {
                  clearTimeout(timer);
                  into.push(at - start());
                  resolve();
                };
              }),
          ),
        );
      let started = 0;
      const cpu = cpuSeconds(targets.zatten.server.pid);
      const both = Promise.all([
        arm(zattenSubs, zLat, () => started),
        arm(bareSubs, bLat, () => started),
      ]);
      started = performance.now();
      const reply = await call('POST', `${targets.zatten.url}/api/v1/chats`, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${targets.apiKey}` },
        body: JSON.stringify({ userId: targets.user.userId, title: `Fan-out ${round}` }),
      });
      if (reply.status !== 201) throw new Error(`create answered ${reply.status}: ${reply.text}`);
      await both;
      cpuZ += cpuSeconds(targets.zatten.server.pid) - cpu;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  });
  for (const sub of [...zattenSubs, ...bareSubs]) {
    sub.req.on('error', () => {});
    sub.req.destroy();
  }
  // Fan-out CPU includes the create itself; per subscriber it is dominated by the fan-out.
  const cpuPerSub = (cpuZ * 1e6) / (targets.rounds * targets.subscribers);
  const summary = [
    `- ${targets.subscribers} subscribers: Zatten p50 ${fmt(median(zLat))} ms, p99 ${fmt(p99(zLat))} ms; bare LISTEN p50 ${fmt(median(bLat))} ms, p99 ${fmt(p99(bLat))} ms; p99 ratio ${ratio(p99(zLat), p99(bLat))} (target ≤ 2x). Zatten server CPU ${fmt(cpuPerSub)} µs per subscriber per event (create included).`,
  ];
  console.log(summary.join('\n'));
  return {
    id: 'fanout',
    title: 'Fan-out of one REST create to events.user subscribers',
    body: [
      `${targets.subscribers} Zatten \`events.user\` SSE streams of one user and ${targets.subscribers} streams of the bare LISTEN server, all open at once; ${targets.rounds} creates, each timed from the POST to every subscriber's first byte of the event; ${load}.`,
      '',
      table(
        ['system', 'p50 ms', 'p99 ms', 'max ms'],
        [
          [
            'Zatten events.user (Next production build)',
            fmt(median(zLat)),
            fmt(p99(zLat)),
            fmt(Math.max(...zLat)),
          ],
          ['bare LISTEN server', fmt(median(bLat)), fmt(p99(bLat)), fmt(Math.max(...bLat))],
        ],
      ),
      '',
      ...summary,
    ].join('\n'),
  };
}
