// REST create throughput at 10 connections (autocannon): Zatten's POST /api/v1/chats (API key,
// rate limit, validation, the INSERT) against the bare node:http + pg INSERT server and a minimal
// Next.js route handler doing the same INSERT, interleaved over three rounds each.
import autocannon from 'autocannon';
import { type Section, table, underLoad } from '../section';
import { fmt, median, ratio } from '../stats';

export interface RestTargets {
  zattenUrl: string;
  bareUrl: string;
  floorUrl: string;
  userId: string;
  /** Keys are rate-limited (120 a minute each), so the load spreads over many. */
  apiKeys: string[];
}

async function cannon(
  url: string,
  headersFor: () => Record<string, string>,
  userId: string,
  seconds: number,
): Promise<{ rps: number; p99: number; errors: number }> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', ...headersFor() },
          body: JSON.stringify({ userId, title: `Bench ${n++}` }),
        }),
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx };
}

export async function restBenchmark(targets: RestTargets): Promise<Section> {
  let key = 0;
  const systems = {
    zatten: {
      label: 'Zatten POST /api/v1/chats (Next production build)',
      url: `${targets.zattenUrl}/api/v1/chats`,
      headers: () => ({
        authorization: `Bearer ${targets.apiKeys[key++ % targets.apiKeys.length]}`,
      }),
    },
    bare: { label: 'bare node:http + pg INSERT', url: `${targets.bareUrl}/`, headers: () => ({}) },
    floor: {
      label: 'minimal Next.js route handler + pg INSERT',
      url: `${targets.floorUrl}/api/chats`,
      headers: () => ({}),
    },
  };
  type Name = keyof typeof systems;
  const results: Record<Name, { rps: number; p99: number; errors: number }[]> = {
    zatten: [],
    bare: [],
    floor: [],
  };
  const { load } = await underLoad(async () => {
    for (const name of Object.keys(systems) as Name[]) {
      await cannon(systems[name].url, systems[name].headers, targets.userId, 1); // warm up
    }
    for (let round = 0; round < 3; round++) {
      for (const name of (['zatten', 'bare', 'floor'] as Name[]).map(
        (_, i, all) => all[(i + round) % all.length] as Name,
      )) {
        results[name].push(
          await cannon(systems[name].url, systems[name].headers, targets.userId, 5),
        );
      }
    }
  });
  const stat = (name: Name) => ({
    rps: median(results[name].map((r) => r.rps)),
    p99: median(results[name].map((r) => r.p99)),
    errors: results[name].reduce((sum, r) => sum + r.errors, 0),
  });
  const z = stat('zatten');
  const bare = stat('bare');
  const floor = stat('floor');
  const summary = [
    `- Zatten ${fmt(z.rps, 0)} req/s = ${ratio(z.rps, bare.rps)} of bare node:http + pg (target ≥ 0.60x) and ${ratio(z.rps, floor.rps)} of the minimal Next route (target ≥ 0.90x).`,
  ];
  console.log(summary.join('\n'));
  return {
    id: 'rest',
    title: 'REST create throughput (10 connections)',
    body: [
      `Three interleaved 5-second autocannon rounds per system after a 1-second warm-up; medians of the rounds; ${load}.`,
      '',
      table(
        ['system', 'req/s', 'latency p99 ms', 'non-2xx'],
        (Object.keys(systems) as Name[]).map((name) => {
          const s = stat(name);
          return [systems[name].label, fmt(s.rps, 0), fmt(s.p99, 0), String(s.errors)];
        }),
      ),
      '',
      ...summary,
    ].join('\n'),
  };
}
