// A 20,000-token Markdown reply streams and renders at 4x CPU slowdown. The test checks that all
// of it arrives and renders, and reports (does not assert) the main thread's long tasks: times
// depend on the machine; `pnpm bench` records them in docs/benchmarks.md.
import type { Page } from '@playwright/test';
import { composer, expect, lastReply, send, test } from './support/fixtures';
import {
  LONG_REPLY_END,
  longestStall,
  longMarkdownReply,
  waitForLongReply,
  watchParts,
} from './support/long-reply';
import {
  longTasksByCpu,
  recordLongTasks,
  summarize,
  takeLongTasks,
  throttleCpu,
} from './support/long-tasks';

// Playwright's tracer snapshots the whole DOM in the page's main thread at every action and
// assertion poll; with a 20,000-token reply that was most of the long tasks this test reported.
test.use({ trace: 'off' });

const PARTS = longMarkdownReply().match(/^## Part/gm)?.length ?? 0;

/** Everything rendered, at the bottom, and as tall as it would be with nothing skipped. */
async function expectWholeReply(page: Page) {
  const reply = lastReply(page);
  await expect(reply).toContainText(LONG_REPLY_END);
  // One heading and one highlighted code block for each part.
  await expect(reply.locator('h2')).toHaveCount(PARTS);
  await expect(reply.locator('pre code.hljs')).toHaveCount(PARTS);
  // Highlighted by the worker (highlighted-code.tsx), every one of them, whenever it answered.
  await expect(reply.locator('pre code.hljs:not(:has(.hljs-keyword))')).toHaveCount(0);
  await expect(reply.locator('[data-mounting]')).toHaveCount(0);
  const scroller = page.getByTestId('conversation-scroller');
  await expect
    .poll(() =>
      scroller.evaluate((element) => {
        return element.scrollHeight - element.scrollTop - element.clientHeight;
      }),
    )
    .toBeLessThanOrEqual(2);
  // Finished blocks are grouped in chunks (markdown.tsx), so the reply's top level holds a few
  // dozen elements rather than one per block (six per part here).
  expect(await reply.locator('.markdown > *').count()).toBeLessThan(PARTS / 2);
  // Finished chunks off screen skip their layout (data-settled): they keep their real height
  // and the margins of their first and last blocks, so the page measures the same with all of
  // them rendered.
  await expect(reply.locator('.markdown > [data-chunk]').first()).toBeAttached();
  await expect
    .poll(() =>
      reply.locator('.markdown > [data-chunk]:not([data-partial], [data-settled])').count(),
    )
    .toBe(0);
  const heights = await scroller.evaluate((element) => {
    const settled = [...element.querySelectorAll('.markdown > [data-settled]')];
    const skipping = element.scrollHeight;
    for (const block of settled) block.removeAttribute('data-settled');
    const rendered = element.scrollHeight;
    for (const block of settled) block.setAttribute('data-settled', '');
    return { settled: settled.length, skipping, rendered };
  });
  expect(heights.skipping).toBe(heights.rendered);
}

test('a 20,000-token reply streams and renders in full at 4x CPU slowdown', async ({
  page,
  user: _user,
}) => {
  test.setTimeout(240_000);
  await recordLongTasks(page);
  await page.goto('/');
  await expect(composer(page)).toBeVisible();
  await throttleCpu(page, 4);
  await takeLongTasks(page);

  await send(page, '[[longmd]] Write me a long guide');
  // Opening the new chat's page is navigation, not streaming: its tasks are not counted.
  await expect(page).toHaveURL(/\/c\//);
  await watchParts(page);
  let streaming = summarize([]);
  const streamingCpu = summarize(
    await longTasksByCpu(page, async () => {
      await takeLongTasks(page);
      // Taken before the checks below, whose polls of the whole reply cost their own.
      await waitForLongReply(page, { complete: true, polling: 1000, timeout: 200_000 });
      streaming = summarize(await takeLongTasks(page));
    }),
  );
  // The reply keeps up with its stream: a part arrives every few hundred milliseconds, and is
  // shown within a frame or two. (Rendered from a deferred copy of the text, the reply stood
  // still for 20 s and more, then showed everything written meanwhile at once.)
  expect(await longestStall(page)).toBeLessThan(5_000);
  await expectWholeReply(page);

  const reloadCpu = summarize(
    await longTasksByCpu(page, async () => {
      await page.reload();
      // Opened whole, the reply mounts its end first and then every earlier block, at the bottom.
      await waitForLongReply(page, { complete: false, polling: 50, timeout: 60_000 });
    }),
  );
  const reload = summarize(await takeLongTasks(page));
  await expectWholeReply(page);

  for (const [phase, summary, cpu] of [
    ['streaming', streaming, streamingCpu],
    ['reload', reload, reloadCpu],
  ] as const) {
    // The observer's figures (wall clock), then the same by the page's CPU time (not counting
    // the time other processes on a busy machine held the CPU).
    const description = `${summary.count} long tasks, longest ${summary.longestMs} ms, blocking ${summary.blockingMs} ms; by CPU time ${cpu.count}, longest ${cpu.longestMs} ms, blocking ${cpu.blockingMs} ms`;
    test.info().annotations.push({ type: `long tasks (${phase}, 4x CPU)`, description });
    console.log(`long tasks (${phase}, 4x CPU): ${description}`);
  }
});
