// Added time to first token at 1, 200 (and 500 with --full) concurrent streams, and server CPU
// per streamed token: Zatten (send + message.stream) against the AI SDK relay, the bare
// openai-SDK relay and the same bare relay storing the exchange first (the floor of any relay that
// keeps the conversation), rounds interleaved, all reading the same fake upstream. "Added" subtracts the
// upstream's own time to first token measured directly at the same concurrency in the same round.
import { watchStream } from '../http';
import { cpuSeconds } from '../machine';
import type { Child } from '../processes';
import { type Section, table, underLoad } from '../section';
import { fmt, median, p99, ratio, signed } from '../stats';
import { type BenchUser, mutate, queryUrl, trpcHeaders, type Zatten } from '../zatten';

export interface StreamTargets {
  upstream: Child;
  bare: Child;
  aiSdk: Child;
  /** The bare relay storing the question and the reply around the stream (storing-relay.ts). */
  stored: Child;
  zatten: Zatten;
  /** One user and chat per concurrent stream (sends are rate-limited per person). */
  seats: { user: BenchUser; chatId: string }[];
  tokens: number;
}

export type SystemName = 'upstream' | 'bare' | 'stored' | 'aiSdk' | 'zatten';
const FIRST = '"w0'; // the first token of every reply, as it appears in any JSON frame
/** How long Zatten's message.send took, per stream, by level: the part before the follow. */
const sendTimes = new Map<number, number[]>();

/** Opens one stream of `system`; resolves with its time to first token and when it ended. */
async function oneStream(
  targets: StreamTargets,
  system: SystemName,
  seat: number,
): Promise<number> {
  const start = performance.now();
  const json = { 'content-type': 'application/json' };
  let watch: ReturnType<typeof watchStream>;
  if (system === 'zatten') {
    const { user, chatId } = targets.seats[seat] ?? { user: null, chatId: '' };
    if (!user) throw new Error(`no seat ${seat}`);
    const sent = await mutate<{ assistantMessage: { id: string } }>(
      targets.zatten,
      user,
      'message.send',
      { chatId, content: 'hi' },
    );
    const times = sendTimes.get(currentLevel) ?? [];
    times.push(performance.now() - start);
    sendTimes.set(currentLevel, times);
    watch = watchStream(
      'GET',
      queryUrl(targets.zatten, 'message.stream', { messageId: sent.assistantMessage.id }),
      { headers: trpcHeaders(user), first: FIRST, until: '"type":"end"' },
    );
  } else if (system === 'upstream') {
    watch = watchStream('POST', `${targets.upstream.url}/responses`, {
      headers: { ...json, authorization: 'Bearer bench' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'hi', stream: true }),
      first: FIRST,
    });
  } else if (system === 'stored') {
    const { user, chatId } = targets.seats[seat] ?? { user: null, chatId: '' };
    if (!user) throw new Error(`no seat ${seat}`);
    watch = watchStream('POST', `${targets.stored.url}/chat`, {
      headers: json,
      body: JSON.stringify({ userId: user.userId, chatId }),
      first: FIRST,
    });
  } else {
    const peer = system === 'bare' ? targets.bare : targets.aiSdk;
    watch = watchStream('POST', `${peer.url}/chat`, { headers: json, body: '{}', first: FIRST });
  }
  const first = await watch.firstAt;
  await watch.done;
  return first - start;
}

interface LevelResult {
  ttft: Record<SystemName, number[]>;
  cpuPerToken: Record<SystemName, number[]>;
}

/** N concurrent streams of one system: each stream's time to first token and CPU per token. */
export async function burstOf(
  targets: StreamTargets,
  system: SystemName,
  n: number,
): Promise<{ ttft: number[]; cpuUs: number }> {
  const pid = {
    upstream: targets.upstream.pid,
    bare: targets.bare.pid,
    stored: targets.stored.pid,
    aiSdk: targets.aiSdk.pid,
    zatten: targets.zatten.server.pid,
  }[system];
  const before = cpuSeconds(pid);
  // A stream that fails (a reset upstream socket under load) is counted, not fatal to the run.
  const ttft = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      oneStream(targets, system, i).catch((error: unknown) => {
        failures[system] += 1;
        console.warn(`${system} stream failed: ${(error as Error).message}`);
        return Number.NaN;
      }),
    ),
  );
  const cpu = cpuSeconds(pid) - before;
  return { ttft, cpuUs: (cpu * 1e6) / (n * targets.tokens) };
}

let currentLevel = 1;
const failures: Record<SystemName, number> = {
  upstream: 0,
  bare: 0,
  stored: 0,
  aiSdk: 0,
  zatten: 0,
};

async function level(targets: StreamTargets, n: number, rounds: number): Promise<LevelResult> {
  currentLevel = n;
  const systems: SystemName[] = ['upstream', 'bare', 'stored', 'aiSdk', 'zatten'];
  const result: LevelResult = {
    ttft: { upstream: [], bare: [], stored: [], aiSdk: [], zatten: [] },
    cpuPerToken: { upstream: [], bare: [], stored: [], aiSdk: [], zatten: [] },
  };
  for (let round = 0; round < rounds; round++) {
    // Rotate the order so no system always runs right after the heaviest one.
    const order = systems.map((_, i) => systems[(i + round) % systems.length] as SystemName);
    for (const system of order) {
      const { ttft, cpuUs } = await burstOf(targets, system, n);
      result.ttft[system].push(...ttft.filter((value) => !Number.isNaN(value)));
      result.cpuPerToken[system].push(cpuUs);
      await new Promise((resolve) => setTimeout(resolve, n > 1 ? 1000 : 20));
    }
  }
  return result;
}

const LABEL: Record<SystemName, string> = {
  upstream: 'fake upstream, direct',
  bare: 'bare openai-SDK relay',
  stored: 'bare relay storing the exchange (begin_exchange, then the reply)',
  aiSdk: 'Vercel AI SDK streamText relay',
  zatten: 'Zatten (message.send + message.stream, Next production build)',
};

export async function streamingBenchmark(
  targets: StreamTargets,
  options: { full: boolean },
): Promise<Section> {
  const levels = options.full ? [1, 200, 500] : [1, 200];
  const lines: string[] = [];
  const rows: string[][] = [];
  const cpuRows: string[][] = [];
  const summary: string[] = [];
  let load = '';
  const { load: measuredLoad } = await underLoad(async () => {
    for (const n of levels) {
      const result = await level(targets, n, n === 1 ? 15 : 2);
      const base = {
        median: median(result.ttft.upstream),
        p99: p99(result.ttft.upstream),
      };
      const added = (system: SystemName) => ({
        median: median(result.ttft[system]) - base.median,
        p99: p99(result.ttft[system]) - base.p99,
      });
      for (const system of ['upstream', 'bare', 'stored', 'aiSdk', 'zatten'] as SystemName[]) {
        const a = added(system);
        rows.push([
          String(n),
          LABEL[system],
          fmt(median(result.ttft[system])),
          fmt(p99(result.ttft[system])),
          system === 'upstream' ? '—' : signed(a.median),
          system === 'upstream' ? '—' : signed(a.p99),
        ]);
      }
      const z = added('zatten');
      const bare = added('bare');
      const stored = added('stored');
      const sdk = added('aiSdk');
      const sends = sendTimes.get(n) ?? [];
      summary.push(
        `- ${n} stream${n > 1 ? 's' : ''}: Zatten's message.send alone took ${fmt(median(sends))} ms (median), p99 ${fmt(p99(sends))} ms, before its follower could subscribe.`,
      );
      summary.push(
        `- ${n} stream${n > 1 ? 's' : ''}: Zatten adds ${fmt(z.median)} ms (median), bare relay ${fmt(bare.median)} ms, AI SDK ${fmt(sdk.median)} ms; Zatten / bare = ${ratio(z.median, bare.median)}${n === 200 ? ' (target ≤ 1.5x)' : ''}.`,
      );
      summary.push(
        `- ${n} stream${n > 1 ? 's' : ''}: the bare relay storing the exchange adds ${fmt(stored.median)} ms = ${ratio(stored.median, bare.median)} of the bare relay; Zatten / storing relay = ${ratio(z.median, stored.median)}.`,
      );
      if (n >= 200) {
        for (const system of ['bare', 'stored', 'aiSdk', 'zatten'] as SystemName[]) {
          cpuRows.push([String(n), LABEL[system], fmt(median(result.cpuPerToken[system]))]);
        }
        const zc = median(result.cpuPerToken.zatten);
        const sc = median(result.cpuPerToken.aiSdk);
        summary.push(
          `- server CPU per token at ${n}: Zatten ${fmt(zc)} µs, AI SDK relay ${fmt(sc)} µs, bare relay ${fmt(median(result.cpuPerToken.bare))} µs; Zatten / AI SDK = ${ratio(zc, sc)} (target ≤ 1x).`,
        );
      }
      lines.push(summary.at(-1) ?? '');
      console.log(summary.slice(n >= 200 ? -4 : -3).join('\n'));
    }
  });
  load = measuredLoad;
  return {
    id: 'streaming',
    title: 'Streaming: added time to first token and CPU per token',
    body: [
      `The fake upstream streams ${targets.tokens} tokens 5 ms apart after 50 ms. Each round opens N streams at once against one system, rotating the order of systems between rounds; ${load}.`,
      '',
      table(
        ['streams', 'system', 'TTFT median ms', 'TTFT p99 ms', 'added median', 'added p99'],
        rows,
      ),
      '',
      table(['streams', 'system', 'server CPU per token (µs, median of rounds)'], cpuRows),
      '',
      ...summary,
      `- failed streams (left out of the times): ${Object.entries(failures)
        .map(([system, count]) => `${LABEL[system as SystemName]} ${count}`)
        .join(', ')}.`,
    ].join('\n'),
  };
}
