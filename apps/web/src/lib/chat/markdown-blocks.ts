// Splits Markdown into top-level blocks so a streaming reply can render each finished block once
// and re-render only the block still growing at the end. A block ends at a blank line that is
// outside a fenced code block and not followed by indented text (which would continue a list
// item or an indented block). Splitting only ever happens where CommonMark itself starts a new
// block, so the rendered result matches rendering the whole text at once for what LLMs write.
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// Display math (`$$` on a line of its own, as lib/chat/math.ts writes it) may hold blank lines too.
const MATH_FENCE = /^ {0,3}\$\$\s*$/;

export function splitMarkdownBlocks(text: string): string[] {
  const blocks: string[] = [];
  const lines = text.split('\n');
  let fence: string | null = null;
  let start = 0;
  let offset = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const lineEnd = offset + line.length + 1;
    const opening = FENCE.exec(line)?.[1] ?? (MATH_FENCE.test(line) ? '$$' : undefined);
    if (fence === null && opening) {
      fence = opening;
    } else if (
      fence !== null &&
      opening &&
      opening[0] === fence[0] &&
      opening.length >= fence.length &&
      line.trim() === opening
    ) {
      fence = null;
    } else if (fence === null && line.trim() === '') {
      const next = lines[index + 1];
      if (next !== undefined && next.trim() !== '' && !/^[ \t]/.test(next) && offset > start) {
        blocks.push(text.slice(start, lineEnd));
        start = lineEnd;
      }
    }
    offset = lineEnd;
  }
  if (start < text.length) blocks.push(text.slice(start));
  return blocks;
}
