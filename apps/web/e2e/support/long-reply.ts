// A long Markdown reply, as a model writes one: headings, paragraphs, lists, tables and code,
// repeated to about 20,000 tokens (the test server sends one whitespace-separated word per
// token). Used by the long-task test and the chat-view benchmark.
import type { Page } from '@playwright/test';

const SECTION = (index: number) =>
  [
    `## Part ${index + 1}: how the pieces fit`,
    '',
    `In this part we look at step ${index + 1} of the design. A chat view has to keep up with`,
    'text that arrives a few characters at a time, render **Markdown** as it grows, and stay',
    'responsive to scrolling and typing while it does. The cost of each token must not grow',
    'with the length of the reply, or a long answer would get slower and slower to show.',
    '',
    '- Finished blocks are rendered once and kept.',
    '- Only the block still growing is parsed again.',
    `- Rendering yields to input between updates (item ${index + 1}).`,
    '',
    '| Step | What happens | Cost |',
    '| --- | --- | --- |',
    `| ${index + 1}.1 | parse the tail | small |`,
    `| ${index + 1}.2 | render the tail | small |`,
    '',
    '```ts',
    `export function step${index + 1}(text: string): string[] {`,
    "  return text.split('\\n\\n').filter((block) => block.trim() !== '');",
    '}',
    '```',
    '',
    'Then the next block starts, and everything above it stays exactly as it was rendered.',
    '',
  ].join('\n');

function countTokens(text: string): number {
  return text.match(/\s*\S+/g)?.length ?? 0;
}

export function longMarkdownReply(tokens = 20_000): string {
  let text = '';
  for (let index = 0; countTokens(text) < tokens; index += 1) text += SECTION(index);
  return text;
}

/** The last line of the long reply, to know that all of it rendered. */
export const LONG_REPLY_END = 'Then the next block starts, and everything above it stays';

/**
 * Resolves when the last reply on the page has finished streaming and its last block shows
 * LONG_REPLY_END. Polled by the page itself and reading only the reply's last block: reading
 * the text of the whole reply (or Playwright's own polling of a locator on it) is a long task of
 * its own on a reply this size, and would be counted as the page's.
 */
export async function waitForLongReply(
  page: Page,
  { complete, polling, timeout }: { complete: boolean; polling: number; timeout: number },
): Promise<number> {
  const done = await page.waitForFunction(
    ({ end, complete }) => {
      const reply = [...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1);
      if (complete && reply?.getAttribute('data-status') !== 'complete') return false;
      // Mounting from the end (a reload): done once every block above the last is there too.
      const markdown = reply?.querySelector('.markdown:not([data-mounting])');
      return markdown?.lastElementChild?.textContent?.includes(end)
        ? Math.round(performance.now())
        : false;
    },
    { end: LONG_REPLY_END, complete },
    { timeout, polling },
  );
  return (await done.jsonValue()) as number;
}

declare global {
  interface Window {
    __replyParts?: [number, number][];
  }
}

/**
 * Starts sampling in the page, four times a second until the last reply is complete, how many
 * of its parts (one heading each) are on screen: cheap enough not to count among its long tasks.
 */
export async function watchParts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: [number, number][] = [];
    window.__replyParts = samples;
    const timer = setInterval(() => {
      const reply = [...document.querySelectorAll('[data-testid="assistant-message"]')].at(-1);
      if (reply?.getAttribute('data-status') === 'complete') clearInterval(timer);
      else samples.push([performance.now(), reply?.getElementsByTagName('h2').length ?? 0]);
    }, 250);
  });
}

/** The longest time (ms) the sampled reply stood still once its first part showed. */
export async function longestStall(page: Page): Promise<number> {
  const samples = await page.evaluate(() => window.__replyParts ?? []);
  let longest = 0;
  let since: number | null = null;
  let shown = 0;
  for (const [at, parts] of samples) {
    if (parts !== shown) {
      shown = parts;
      since = at;
    } else if (since !== null && parts > 0) {
      longest = Math.max(longest, at - since);
    }
  }
  return Math.round(longest);
}
