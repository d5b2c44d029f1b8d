// A 20,000-token Markdown reply streams and renders at 4x CPU slowdown. The test checks that all
// of it arrives and renders, and reports (does not assert) the main thread's long tasks: times
// depend on the machine; `pnpm bench` records them in docs/benchmarks.md.
import { composer, expect, lastReply, send, test } from './support/fixtures';
import { LONG_REPLY_END, longMarkdownReply } from './support/long-reply';
import { recordLongTasks, summarize, takeLongTasks, throttleCpu } from './support/long-tasks';

// Playwright's tracer snapshots the whole DOM in the page's main thread at every action and
// assertion poll; with a 20,000-token reply that was most of the long tasks this test reported.
test.use({ trace: 'off' });

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
  await takeLongTasks(page);
  const reply = lastReply(page);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 200_000 });
  await expect(reply).toContainText(LONG_REPLY_END, { timeout: 30_000 });
  // Every part rendered: one heading and one highlighted code block each.
  const parts = longMarkdownReply().match(/^## Part/gm)?.length ?? 0;
  await expect(reply.locator('h2')).toHaveCount(parts, { timeout: 60_000 });
  await expect(reply.locator('pre code.hljs')).toHaveCount(parts);
  const streaming = summarize(await takeLongTasks(page));

  await page.reload();
  await expect(lastReply(page)).toContainText(LONG_REPLY_END, { timeout: 60_000 });
  // Opened whole, the reply mounts its end first and then every earlier block, at the bottom.
  await expect(lastReply(page).locator('h2')).toHaveCount(parts, { timeout: 60_000 });
  await expect(lastReply(page).locator('[data-mounting]')).toHaveCount(0);
  await expect
    .poll(() =>
      page.getByTestId('conversation-scroller').evaluate((scroller) => {
        return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      }),
    )
    .toBeLessThanOrEqual(2);
  const reload = summarize(await takeLongTasks(page));

  for (const [phase, summary] of [
    ['streaming', streaming],
    ['reload', reload],
  ] as const) {
    const description = `${summary.count} long tasks, longest ${summary.longestMs} ms, blocking ${summary.blockingMs} ms`;
    test.info().annotations.push({ type: `long tasks (${phase}, 4x CPU)`, description });
    console.log(`long tasks (${phase}, 4x CPU): ${description}`);
  }
});
