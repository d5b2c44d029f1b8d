// A long Markdown reply, as a model writes one: headings, paragraphs, lists, tables and code,
// repeated to about 20,000 tokens (the test server sends one whitespace-separated word per
// token). Used by the long-task test and the chat-view benchmark.
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
