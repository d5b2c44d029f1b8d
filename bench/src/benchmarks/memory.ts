// Memory: the server's resident set before, right after and a minute after a burst of 500
// concurrent streams, Zatten beside the bare openai-SDK relay given the same burst.
import { rssMiB } from '../machine';
import { type Section, table, underLoad } from '../section';
import { fmt } from '../stats';
import type { StreamTargets } from './streaming';
import { burstOf } from './streaming';

export async function memoryBenchmark(
  targets: StreamTargets,
  options: { streams: number; settleMs: number },
): Promise<Section> {
  const zPid = targets.zatten.server.pid;
  const bPid = targets.bare.pid;
  const before = { zatten: rssMiB(zPid), bare: rssMiB(bPid) };
  const after = { zatten: 0, bare: 0 };
  const later = { zatten: 0, bare: 0 };
  const { load } = await underLoad(async () => {
    await burstOf(targets, 'bare', options.streams);
    after.bare = rssMiB(bPid);
    await burstOf(targets, 'zatten', options.streams);
    after.zatten = rssMiB(zPid);
    await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    later.zatten = rssMiB(zPid);
    later.bare = rssMiB(bPid);
  });
  const growth = (later.zatten / before.zatten - 1) * 100;
  const summary = `- Zatten RSS ${fmt(before.zatten, 0)} MiB before, ${fmt(after.zatten, 0)} MiB after ${options.streams} streams, ${fmt(later.zatten, 0)} MiB ${options.settleMs / 1000} s later: ${growth >= 0 ? '+' : ''}${fmt(growth, 0)}% over the start (target ≤ +20%).`;
  console.log(summary);
  return {
    id: 'memory',
    title: `Memory after a ${options.streams}-stream burst`,
    body: [
      `Resident set of the server process tree; ${load}.`,
      '',
      table(
        ['system', 'before MiB', 'right after MiB', `${options.settleMs / 1000} s later MiB`],
        [
          [
            'Zatten (Next production build)',
            fmt(before.zatten, 0),
            fmt(after.zatten, 0),
            fmt(later.zatten, 0),
          ],
          ['bare openai-SDK relay', fmt(before.bare, 0), fmt(after.bare, 0), fmt(later.bare, 0)],
        ],
      ),
      '',
      summary,
    ].join('\n'),
  };
}
