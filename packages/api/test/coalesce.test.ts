// Deltas a follower receives are merged into frames of about 20 ms: the first goes out at once,
// later ones within the window are sent together, and snapshots and the end keep their order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesceDeltas, type TrackedEvent } from '../src/runs/coalesce';

/** A source fed by the test, like the run manager's emitter-backed follow(). */
function pushSource() {
  const queue: TrackedEvent[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  async function* source(): AsyncGenerator<TrackedEvent> {
    for (;;) {
      const item = queue.shift();
      if (item) {
        yield item;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }
  let offset = 0;
  return {
    source: source(),
    delta(text: string) {
      offset += text.length;
      queue.push({ id: String(offset), event: { type: 'delta', text } });
      wake?.();
    },
    end() {
      queue.push({
        id: 'end',
        event: {
          type: 'end',
          status: 'complete',
          content: '',
          errorCode: null,
          errorMessage: null,
        },
      });
      ended = true;
      wake?.();
    },
  };
}

async function drainInto(iterator: AsyncGenerator<TrackedEvent>, into: TrackedEvent[]) {
  for await (const item of iterator) into.push(item);
}

describe('coalesceDeltas', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first delta at once and merges the next ones within the window', async () => {
    const feed = pushSource();
    const frames: TrackedEvent[] = [];
    const done = drainInto(coalesceDeltas(feed.source, 20), frames);
    feed.delta('Hel');
    await vi.advanceTimersByTimeAsync(1);
    expect(frames).toEqual([{ id: '3', event: { type: 'delta', text: 'Hel' } }]);
    for (const text of ['lo', ',', ' wor']) {
      feed.delta(text);
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(frames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(frames[1]).toEqual({ id: '10', event: { type: 'delta', text: 'lo, wor' } });
    feed.delta('ld');
    feed.end();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    // The pending delta goes out before the end, with the offset of the whole text.
    expect(frames.slice(2)).toEqual([
      { id: '12', event: { type: 'delta', text: 'ld' } },
      expect.objectContaining({ id: 'end' }),
    ]);
    const text = frames.map((f) => (f.event.type === 'delta' ? f.event.text : '')).join('');
    expect(text).toBe('Hello, world');
  });

  it('ends the source when the follower stops early', async () => {
    const feed = pushSource();
    const returned = vi.fn();
    async function* watched() {
      try {
        yield* feed.source;
      } finally {
        returned();
      }
    }
    const iterator = coalesceDeltas(watched(), 20);
    feed.delta('a');
    expect((await iterator.next()).value).toMatchObject({ id: '1' });
    feed.end();
    await iterator.return(undefined);
    expect(returned).toHaveBeenCalled();
  });
});
