// Main-thread long tasks (over 50 ms) as Chromium reports them to a PerformanceObserver, and CPU
// throttling through the DevTools protocol, for the long-reply test and the chat-view benchmark.
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __longTasks?: number[];
  }
}

/** Starts recording long tasks in every document the page loads. */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks?.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const tasks = window.__longTasks ?? [];
    window.__longTasks = [];
    return tasks;
  });
}

/** Slows the page's CPU by `rate` (4 = a mid-range phone, as Lighthouse assumes). */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setCPUThrottlingRate', { rate });
}

export interface LongTaskSummary {
  count: number;
  longestMs: number;
  /** Sum of each task's time over 50 ms, as Lighthouse's total blocking time. */
  blockingMs: number;
}

export function summarize(tasks: number[]): LongTaskSummary {
  return {
    count: tasks.length,
    longestMs: Math.round(Math.max(0, ...tasks)),
    blockingMs: Math.round(tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0)),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The page's main-thread tasks over 50 ms while `run` runs, timed by the CPU time the thread
 * spent in them (a Chromium trace's thread time, CPU throttling included) rather than by the
 * clock: on a busy machine the clock also counts the time other processes held the CPU, which
 * made the observer's figures swing with the load average. Returns each long task's duration.
 */
export async function longTasksByCpu(
  page: Page,
  run: () => Promise<void>,
  /** Also records DevTools' timeline (style, layout, paint, script) and writes the trace here. */
  saveTo?: string,
): Promise<number[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('A trace needs the browser the page runs in.');
  // Not disabled-by-default-devtools.timeline: it fills the trace's buffer before a long
  // reply has streamed, and the rest of the stream went unrecorded.
  const timeline = ['devtools.timeline', 'v8.execute'];
  // BENCH_TRACE_CPU=1: V8's sampling profiler too, for which functions a task's script ran.
  if (process.env.BENCH_TRACE_CPU === '1') timeline.push('disabled-by-default-v8.cpu_profiler');
  await browser.startTracing(page, {
    categories: ['toplevel', 'blink.user_timing', ...(saveTo ? timeline : [])],
  });
  // Marks bound the window: starting the trace is itself a long task of the page's.
  await page.evaluate(() => performance.mark('long-tasks-start'));
  await run();
  await page.evaluate(() => performance.mark('long-tasks-end'));
  const trace = (await browser.stopTracing()).toString();
  if (saveTo) await writeFile(saveTo, trace);
  const { traceEvents } = JSON.parse(trace) as {
    traceEvents: TraceEvent[];
  };
  const mark = (name: string) => traceEvents.find((event) => event.name === name)?.ts ?? 0;
  const start = mark('long-tasks-start');
  const end = mark('long-tasks-end');
  const mainThreads = new Set(
    traceEvents
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  return traceEvents
    .filter(
      (event) =>
        event.name === 'ThreadControllerImpl::RunTask' &&
        event.ph === 'X' &&
        mainThreads.has(`${event.pid}:${event.tid}`) &&
        event.ts > start &&
        event.ts < end &&
        (event.tdur ?? 0) > 50_000,
    )
    .map((event) => (event.tdur ?? 0) / 1000);
}
