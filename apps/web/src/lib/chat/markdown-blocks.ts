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

export interface SplitText {
  text: string;
  blocks: string[];
}

/**
 * `splitMarkdownBlocks(text)`, reusing the split of an earlier text when `text` only grew at its
 * end (a streaming reply): blocks before the last one never change as text is appended (a
 * block ends only outside a fence, at a blank line followed by a line that starts with a
 * non-space, and appending cannot change either), so only the last block and what follows it
 * are split again. A frame then costs the length of the tail, not of the whole reply.
 */
export function splitAppended(previous: SplitText | null, text: string): SplitText {
  const last = previous?.blocks.at(-1);
  if (!previous || last === undefined || !text.startsWith(previous.text)) {
    return { text, blocks: splitMarkdownBlocks(text) };
  }
  const tailStart = previous.text.length - last.length;
  const blocks = previous.blocks.slice(0, -1);
  for (const block of splitMarkdownBlocks(text.slice(tailStart))) blocks.push(block);
  return { text, blocks };
}

export interface OpenFence {
  /** The first word of the info string, as Markdown takes a fence's language. */
  language: string | null;
  /** The code so far, as Markdown reads it (the opener's indentation taken off each line). */
  code: string;
}

/**
 * The fenced code block a block is, while its closing fence has not arrived (a reply still
 * writing it), or null: for any other block, a closed fence, or an opening line still being
 * typed.
 */
export function openFence(block: string): OpenFence | null {
  const newline = block.indexOf('\n');
  if (newline === -1) return null;
  const opener = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(block.slice(0, newline));
  if (!opener) return null;
  const [, indent = '', fence = '', info = ''] = opener;
  // A backtick fence's info string cannot hold a backtick (that line is inline code instead).
  if (fence.startsWith('`') && info.includes('`')) return null;
  const lines = block.slice(newline + 1).split('\n');
  for (const line of lines) {
    const closing = FENCE.exec(line)?.[1];
    if (
      closing &&
      closing[0] === fence[0] &&
      closing.length >= fence.length &&
      line.trim() === closing
    ) {
      return null;
    }
  }
  const code = lines.map((line) => line.replace(new RegExp(`^ {0,${indent.length}}`), ''));
  // What follows the last newline is a line only once it holds more than the indentation.
  if (code.at(-1) === '') code.pop();
  return { language: info.trim().split(/\s/)[0] || null, code: code.join('\n') };
}
