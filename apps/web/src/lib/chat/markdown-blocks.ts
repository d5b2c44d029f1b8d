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

/**
 * Characters of Markdown mounted at once when a text arrives whole (its tail first), and then
 * per frame until all of it is: parsing, highlighting and laying out a block cost about its
 * length, so a frame's work is bounded by characters rather than by a count of blocks of any
 * size. A single block longer than this still mounts whole.
 */
export const MOUNT_CHARS = 1500;

/** Where the run of blocks that ends before `end` starts: at least one block. */
export function mountStart(blocks: string[], end: number): number {
  let start = end;
  let chars = 0;
  while (start > 0 && (start === end || chars < MOUNT_CHARS)) {
    start -= 1;
    chars += blocks[start]?.length ?? 0;
  }
  return start;
}

/** Which of a text's blocks are mounted: all from `from` (Markdown's useMountedFrom). */
export interface MountedBlocks {
  /** The blocks when their count last changed (the last one may have grown since). */
  blocks: string[];
  from: number;
}

/**
 * The mounted blocks once the text's blocks are `blocks`. A text that arrives whole, or that
 * replaces another, mounts from its tail (the rest mounts a run per frame, from the end up).
 * A text that grew at its end keeps every block it had mounted, and mounts what arrived at once
 * however much it is: starting again from its tail would take the blocks above off the page,
 * which would shrink to its last screenful under a reader following the reply (a streaming
 * reply that jumped by more than MOUNT_CHARS between two renders, on a busy machine, did).
 */
export function nextMounted(mounted: MountedBlocks, blocks: string[]): MountedBlocks {
  const before = mounted.blocks;
  if (blocks.length === before.length) return mounted;
  // Blocks before the last never change as text is appended (splitAppended keeps them).
  const grew =
    before.length > 0 &&
    blocks.length > before.length &&
    blocks[0] === before[0] &&
    blocks[before.length - 2] === before[before.length - 2];
  const tail = mountStart(blocks, blocks.length);
  return {
    blocks,
    from: !grew && tail > before.length ? tail : Math.min(mounted.from, blocks.length),
  };
}
