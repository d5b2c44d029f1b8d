// Load: 200 concurrent conversations on one server process for RELIABILITY_LOAD_SECONDS (60 s by
// default, longer with --soak). Each sends a message, follows the reply over SSE to its end and
// sends the next. Afterwards every reply must be stored exactly once, complete, with the text the
// stream showed: zero lost or duplicated. p99 time to first token and peak RSS are reported, and
// for a run of two minutes or more (`--soak`) the resident set's trend under steady load: the
// median of the second minute against the median of the last, which is what "no growth over a
// soak" reads (the first minute is warm-up: JIT, pools and caches filling).
// RSS alone cannot tell a leak from V8's high-water: a collection's emptied pages stay resident in
// V8's page pool (app-server.ts), so RSS follows the largest heap the load ever needed. A soak
// therefore also reports the heap after a full collection (what is still reachable) at the start,
// at the end of the second minute and at the end, then, once the load has stopped and the
// finished runs kept for late followers have expired, the heap and RSS, and RSS after a
// memory-reducing collection (what the process holds once V8 returns its pooled pages).
import { replyText } from '@zatten/ai/testing';
import { createDatabase } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, type Cluster, type MemoryAfterGc, startCluster } from './harness/cluster';
import { newChat, send } from './harness/conversation';
import { percentile, recordFigures } from './harness/figures';
import { type ReplyEvent, subscribe } from './harness/http';

const CONVERSATIONS = Number(process.env.RELIABILITY_LOAD_CONVERSATIONS ?? 200);
const SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS ?? 60);
const USERS = 50;

let cluster: Cluster;
let app: AppProcess;

beforeAll(async () => {
  cluster = await startCluster({ openai: { tokenDelayMs: 5 } });
  app = await cluster.startApp();
});
afterAll(() => cluster?.close());

interface Sent {
  replyId: string;
  input: string;
  streamed: string;
  status: string;
}

const MiB = 1024 * 1024;
/** How long a finished run stays in memory for late followers (runs/manager.ts), and a margin. */
const FINISHED_RUNS_KEPT_MS = 35_000;

/** The heap after collections during and after a soak; absent figures were not measured. */
function heapFigures(heap: {
  start: MemoryAfterGc;
  secondMinute?: MemoryAfterGc | undefined;
  end: MemoryAfterGc;
  quiet?: MemoryAfterGc | undefined;
  reduced?: MemoryAfterGc | undefined;
}): Record<string, number> {
  if (!heap.start.collected || !heap.quiet || !heap.reduced) return {};
  const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
  return {
    'heap after GC, start MiB': mib(heap.start.heapUsed),
    ...(heap.secondMinute
      ? { 'heap after GC, end of second minute MiB': mib(heap.secondMinute.heapUsed) }
      : {}),
    'heap after GC, end of load MiB': mib(heap.end.heapUsed),
    'heap after GC, load stopped MiB': mib(heap.quiet.heapUsed),
    'RSS, load stopped MiB': Math.round(heap.quiet.rss / MiB),
    'RSS after a memory-reducing GC, load stopped MiB': Math.round(heap.reduced.rss / MiB),
  };
}

/** Median RSS of the second minute and of the last minute of load, and the growth between. */
function rssTrend(
  samples: { at: number; rss: number }[],
  started: number,
): Record<string, number | string> {
  const last = samples.at(-1)?.at ?? started;
  if (last - started < 120_000) return {};
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const second = median(
    samples.filter((s) => s.at - started >= 60_000 && s.at - started < 120_000).map((s) => s.rss),
  );
  const final = median(samples.filter((s) => last - s.at < 60_000).map((s) => s.rss));
  const growth = ((final / second - 1) * 100).toFixed(1);
  return {
    'RSS median, second minute MiB': Math.round(second / MiB),
    'RSS median, last minute MiB': Math.round(final / MiB),
    'RSS growth, second to last minute %': `${Number(growth) >= 0 ? '+' : ''}${growth}`,
  };
}

describe('load', () => {
  it(
    `${CONVERSATIONS} concurrent conversations for ${SECONDS} s: nothing lost or duplicated`,
    async () => {
      const tokens = await Promise.all(
        Array.from({ length: USERS }, (_, i) => cluster.tokenFor(`user_load_${i}`)),
      );
      const sent: Sent[] = [];
      const firstToken: number[] = [];
      const refusals = new Map<number, number>();
      const followRefusals = new Map<number, number>();
      let streamErrors = 0;
      const deadline = Date.now() + SECONDS * 1000;
      const rssSamples: { at: number; rss: number }[] = [];
      const sampler = setInterval(
        () =>
          void app
            .sampleRss()
            .then((rss) => rssSamples.push({ at: Date.now(), rss }))
            .catch(() => {}),
        1000,
      );

      async function conversation(index: number) {
        const token = tokens[index % USERS] ?? '';
        let chatId = '';
        while (!chatId && Date.now() < deadline) {
          chatId = await newChat(app.url, token).catch((error: unknown) => {
            // Shed under load (503): try again, as a person would; anything else is a finding.
            if (!String(error).includes('HTTP 503')) throw error;
            refusals.set(503, (refusals.get(503) ?? 0) + 1);
            return new Promise<string>((resolve) => setTimeout(() => resolve(''), 250));
          });
        }
        for (let turn = 0; Date.now() < deadline; turn++) {
          const input = `Load ${index} turn ${turn}`;
          const started = performance.now();
          let pair: Awaited<ReturnType<typeof send>>;
          try {
            pair = await send(app.url, token, chatId, input);
          } catch (error) {
            const status = Number(/HTTP (\d+)/.exec(String(error))?.[1] ?? 0);
            refusals.set(status, (refusals.get(status) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 200));
            continue;
          }
          const record: Sent = {
            replyId: pair.assistantMessage.id,
            input,
            streamed: '',
            status: '',
          };
          sent.push(record);
          let sawFirst = false;
          let text = '';
          let events: Awaited<ReturnType<typeof subscribe>>['events'] = [];
          // A follower refused under load (503, database busy) reconnects, as the browser's
          // subscription link does; a refusal of another kind is a finding.
          for (let attempt = 0; attempt < 20; attempt++) {
            const followed = await subscribe(
              app.url,
              'message.stream',
              { messageId: record.replyId },
              token,
              {
                timeoutMs: 120_000,
                until: (event) => {
                  const data = event.data as ReplyEvent | null;
                  if (!data) return false;
                  if (data.type === 'snapshot') text = data.content ?? '';
                  if (data.type === 'delta') text += data.text ?? '';
                  if (!sawFirst && text.length > 0) {
                    sawFirst = true;
                    firstToken.push(performance.now() - started);
                  }
                  return data.type === 'end';
                },
              },
            );
            events = followed.events;
            // The same busy database can also end a stream already open with a 503 error event
            // (tRPC's serialized-error): the subscription link reconnects then too.
            const last = events.at(-1);
            const streamError = last?.event === 'serialized-error' ? last.data : null;
            if (
              (streamError as { data?: { httpStatus?: number } } | null)?.data?.httpStatus === 503
            ) {
              streamErrors++;
              await new Promise((resolve) => setTimeout(resolve, 250));
              continue;
            }
            if (!followed.refused) break;
            followRefusals.set(
              followed.refused.status,
              (followRefusals.get(followed.refused.status) ?? 0) + 1,
            );
            if (followed.refused.status !== 503) break;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
          const end = events.at(-1)?.data as ReplyEvent | undefined;
          record.streamed = end?.type === 'end' ? (end.content ?? text) : text;
          record.status =
            end?.type === 'end'
              ? (end.status ?? '')
              : `no end (last event: ${events.at(-1)?.event ?? 'none'} ${JSON.stringify(events.at(-1)?.data ?? null).slice(0, 120)})`;
        }
      }

      const soak = SECONDS >= 120;
      const heapAtStart = await app.memoryAfterGc();
      let heapSecondMinute: MemoryAfterGc | undefined;
      const secondMinute =
        SECONDS > 120
          ? setTimeout(
              () =>
                void app
                  .memoryAfterGc()
                  .then((memory) => {
                    heapSecondMinute = memory;
                  })
                  .catch(() => {}),
              120_000,
            )
          : undefined;
      const started = Date.now();
      await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => conversation(i)));
      clearInterval(sampler);
      clearTimeout(secondMinute);
      await app.sampleRss();
      const elapsed = (Date.now() - started) / 1000;
      const heapAtEnd = await app.memoryAfterGc();
      let heapQuiet: MemoryAfterGc | undefined;
      let heapReduced: MemoryAfterGc | undefined;
      if (soak) {
        await new Promise((resolve) => setTimeout(resolve, FINISHED_RUNS_KEPT_MS));
        heapQuiet = await app.memoryAfterGc();
        heapReduced = await app.memoryAfterGc({ reduce: true });
      }

      // What the database holds: every reply once, complete, with exactly the streamed text.
      const database = createDatabase(cluster.pg.url);
      type Row = { id: string; status: string; content: string; error_code: string | null };
      let stored: Row[];
      try {
        stored = (
          await database.pool.query<Row>(
            `select id, status, content, error_code from messages
           where role = 'assistant' and user_id like 'user_load_%'`,
          )
        ).rows;
      } finally {
        await database.close();
      }
      const byId = new Map(stored.map((row) => [row.id, row]));
      const lost = sent.filter((s) => !byId.has(s.replyId)).length;
      const extra = stored.length - new Set(sent.map((s) => s.replyId)).size;
      const wrong = sent.filter((s) => {
        const row = byId.get(s.replyId);
        return (
          row?.status !== 'complete' ||
          row.content !== replyText(s.input) ||
          s.streamed !== row.content
        );
      });

      recordFigures('load', {
        conversations: CONVERSATIONS,
        'duration s': Math.round(elapsed),
        'replies completed': sent.length - wrong.length,
        'replies per second': Math.round((sent.length / elapsed) * 10) / 10,
        'conversations with at least one reply': new Set(
          sent.map((s) => Number(/^Load (\d+) /.exec(s.input)?.[1])),
        ).size,
        'sends refused (status: count)':
          [...refusals].map(([s, n]) => `${s}: ${n}`).join(', ') || 'none',
        'stream opens refused, then retried (status: count)':
          [...followRefusals].map(([s, n]) => `${s}: ${n}`).join(', ') || 'none',
        'open streams ended by a 503 error, then followed again': streamErrors,
        lost,
        duplicated: extra,
        'not complete or text differs': wrong.length,
        'of those, stored as (status: count)':
          [
            ...wrong.reduce((counts, s) => {
              const row = byId.get(s.replyId);
              const key = row
                ? `${row.status}${row.error_code ? ` (${row.error_code})` : ''}`
                : 'missing';
              return counts.set(key, (counts.get(key) ?? 0) + 1);
            }, new Map<string, number>()),
          ]
            .map(([key, n]) => `${key}: ${n}`)
            .join(', ') || 'none',
        'time to first token p50 ms': Math.round(percentile(firstToken, 50)),
        'time to first token p99 ms': Math.round(percentile(firstToken, 99)),
        'peak RSS MiB': Math.round(app.peakRss / 1024 / 1024),
        ...rssTrend(rssSamples, started),
        ...heapFigures({
          start: heapAtStart,
          secondMinute: heapSecondMinute,
          end: heapAtEnd,
          quiet: heapQuiet,
          reduced: heapReduced,
        }),
      });
      // Overload may be shed (503, 429) or meet a busy chat (409), never a bare 500.
      expect(
        [...refusals.keys(), ...followRefusals.keys()].filter((s) => s >= 500 && s !== 503),
      ).toEqual([]);
      expect(lost).toBe(0);
      expect(extra).toBe(0);
      expect(wrong.map((s) => `${s.replyId}:${s.status}`).slice(0, 5)).toEqual([]);
      // Throughput is a figure, not a check (a floor in a fixed time is a timed assertion, and it
      // failed on the shared machine under a load average of ~28, on main as on this branch):
      // the checks are that replies were made and that none was lost, duplicated or altered.
      expect(sent.length).toBeGreaterThan(0);
      expect(await app.unhandledRejections()).toBe(0);
      // The suite's 240 s bound is for the other tests: a soak runs for as long as it was asked to,
      // plus the time to follow the last replies to their end, let the finished runs expire and
      // check the database.
    },
    SECONDS * 1000 + 180_000 + FINISHED_RUNS_KEPT_MS,
  );
});
