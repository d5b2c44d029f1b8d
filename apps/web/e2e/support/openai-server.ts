// The OpenAI test server for end-to-end runs (started by playwright.config.ts, stopped with it),
// with two behaviours the browser tests need beyond the package's markers:
//   [[failfirst]]  the first reply to this text fails after a few tokens (so it is not retried
//                  automatically); asking again succeeds, which is what Retry is for.
//   [[markdown]]   a reply with headings, a list, a table and a code block, to check rendering
//                  (SHOWCASE_PROMPT gets the same reply without a marker, for screenshots).
//   [[hold:name]]  a [[slow]] reply that waits before its last word until the test opens the
//                  gate `name` (support/held-reply.ts): for tests that act mid-reply.
//   [[tall]]       with [[hold:name]], a reply far taller than the view, written for about 24 s,
//                  to check how the view follows.
//   [[math]]       a reply with LaTeX in $, $$, \( and \[ delimiters (issue 17).
//   [[longmd]]     a 20,000-token Markdown reply, a token every millisecond or so (faster than
//                  any model writes), for long-task checks.
// Run with tsx (through the @zatten/ai package, which has it): see playwright.config.ts.
import { type Behaviour, startOpenAITestServer } from '@zatten/ai/testing';
import { longMarkdownReply } from './long-reply';
import { E2E, SHOWCASE_PROMPT } from './ports';

const LONG_MARKDOWN = longMarkdownReply();

export const MARKDOWN_REPLY = [
  '## Plan',
  '',
  'Here is a **short** list:',
  '',
  '1. Read the *docs*',
  '2. Write `code`',
  '',
  '| Language | Typed |',
  '| --- | --- |',
  '| TypeScript | yes |',
  '| JavaScript | no |',
  '',
  '```ts',
  'export function greet(name: string): string {',
  "  return 'Hello, ' + name;",
  '}',
  '```',
  '',
  '<img src=x onerror="window.__pwned = true">',
].join('\n');

// Issue 17: a reply with math in each of the four delimiters, for KaTeX rendering.
export const MATH_REPLY = [
  'Euler: $e^{i\\pi} + 1 = 0$ and inline \\(a^2 + b^2 = c^2\\).',
  '',
  '$$',
  '\\int_0^1 x^2\\,dx = \\frac{1}{3}',
  '$$',
  '',
  '\\[',
  '\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}',
  '\\]',
  '',
  'A price stays text: it costs $5 and $10.',
].join('\n');

const failedOnce = new Set<string>();

function script({
  body,
  inputText,
}: {
  body: { stream?: boolean | null };
  inputText: string;
}): Behaviour | undefined {
  // Title requests are not streamed; they get the server's normal title.
  if (!body.stream) return undefined;
  if (inputText.includes('[[markdown]]') || inputText === SHOWCASE_PROMPT) {
    return { kind: 'reply', text: MARKDOWN_REPLY };
  }
  if (inputText.includes('[[math]]')) return { kind: 'reply', text: MATH_REPLY, tokenDelayMs: 2 };
  const hold = /\[\[hold:([a-z0-9-]+)\]\]/.exec(inputText)?.[1];
  if (hold) {
    const tall = inputText.includes('[[tall]]') ? { tokenDelayMs: 20, extraTokens: 1_200 } : {};
    return { kind: 'slow', hold, ...tall };
  }
  if (inputText.includes('[[longmd]]')) {
    return { kind: 'reply', text: LONG_MARKDOWN, tokenDelayMs: 1 };
  }
  if (inputText.includes('[[failfirst]]') && !failedOnce.has(inputText)) {
    failedOnce.add(inputText);
    return { kind: 'failed', afterTokens: 2 };
  }
  return undefined;
}

const server = await startOpenAITestServer({
  port: E2E.openaiPort,
  tokenDelayMs: 12,
  slowTokenDelayMs: 120,
  gateRoute: true,
  script,
});
console.log(`openai test server: ${server.url}`);

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
