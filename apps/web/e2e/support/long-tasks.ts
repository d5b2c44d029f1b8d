// Main-thread long tasks (over 50 ms) as Chromium reports them to a PerformanceObserver, and CPU
// throttling through the DevTools protocol, for the long-reply test and the chat-view benchmark.
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
