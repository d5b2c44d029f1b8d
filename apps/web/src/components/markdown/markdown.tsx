// Renders a message's Markdown in the app (GitHub flavour, the elements of components.tsx, no raw
// HTML, safe links) with math (math-plugins.ts) once a reply holds any, and code highlighted by a
// worker (highlighted-code.tsx), not on the main thread.
// The text is rendered block by block, each block memoized by its text: while a reply streams,
// only the block still growing at the end is parsed and rendered again, so a long reply costs
// the same per token at its end as at its start.
// KaTeX is loaded on first need: until it arrives (a moment, once per page) formulas show as
// their source, then every reply re-renders with them.
// Splitting is incremental (only the tail of a text that grew is split again) and math is
// normalized per block, so no step of a streamed frame is proportional to the whole reply.
// A text that arrives whole (a chat opened or reloaded) mounts its last blocks first, where the
// view opens, and the earlier ones a few at a time in low-priority renders, so no single task
// parses and commits a 20,000-token reply at once.
// Finished blocks are then "settled" (see useSettledBlocks): off screen, the browser skips their
// layout and paint, which were most of each frame's time on a long reply.
'use client';

import {
  memo,
  type ReactNode,
  type RefObject,
  startTransition,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import {
  type MountedBlocks,
  mountStart,
  nextMounted,
  type OpenFence,
  openFence,
  type SplitText,
  splitAppended,
} from '~/lib/chat/markdown-blocks';
import { type NormalizedMath, normalizeMath } from '~/lib/chat/math';
import { cn } from '~/lib/cn';
import { CodeBlock } from './code-block';
import { markdownComponents } from './components';
import { HighlightedPre, warmHighlighter } from './highlighted-code';
import './markdown.css';

// The shared elements, with code blocks highlighted by a worker (highlighted-code.tsx): no
// highlighter runs in the pipeline on the main thread.
const appComponents: Components = { ...markdownComponents, pre: HighlightedPre };
const remarkPlugins: NonNullable<Options['remarkPlugins']> = [remarkGfm];
const rehypePlugins: NonNullable<Options['rehypePlugins']> = [];

type MathPlugins = typeof import('./math-plugins');

let loadedMath: MathPlugins | null = null;
let loadingMath: Promise<MathPlugins> | null = null;

function useMathPlugins(needed: boolean): MathPlugins | null {
  const [plugins, setPlugins] = useState<MathPlugins | null>(loadedMath);
  useEffect(() => {
    if (!needed || plugins) return;
    let live = true;
    loadingMath ??= import('./math-plugins').then((module) => {
      loadedMath = module;
      return module;
    });
    loadingMath.then(
      (module) => live && setPlugins(module),
      () => {
        // Offline or a failed chunk: formulas stay as their source; the next reply tries again.
        loadingMath = null;
      },
    );
    return () => {
      live = false;
    };
  }, [needed, plugins]);
  return plugins;
}

/**
 * The rendered elements of each block, kept while the block is: a block that moves into a chunk
 * (below) mounts again under its new parent, and should not be parsed and highlighted again.
 */
const renderedBlocks = new WeakMap<NormalizedMath, { math: MathPlugins | null; tree: ReactNode }>();

/** react-markdown's `Markdown` is a plain function (no hooks): its output can be kept. */
function renderBlock(block: NormalizedMath, math: MathPlugins | null): ReactNode {
  const kept = renderedBlocks.get(block);
  if (kept && kept.math === math) return kept.tree;
  const tree = ReactMarkdown({
    remarkPlugins: math ? math.mathRemarkPlugins : remarkPlugins,
    rehypePlugins: math ? math.mathRehypePlugins : rehypePlugins,
    components: appComponents,
    skipHtml: true,
    children: block.text,
  });
  renderedBlocks.set(block, { math, tree });
  return tree;
}

const MarkdownBlock = memo(function MarkdownBlock({
  block,
  math,
}: {
  /** The block's text with its math normalized (lib/chat/math.ts). */
  block: NormalizedMath;
  /** The KaTeX plugins, for a block that holds math (null until they have loaded). */
  math: MathPlugins | null;
}) {
  return renderBlock(block, math);
});

/**
 * Blocks are grouped in runs of this many by their index, each run one element (a chunk): what
 * the browser styles, lays out and checks for visibility at every frame is then a few dozen
 * chunks rather than a thousand blocks, and React compares a few dozen props. The last block is
 * never in a chunk (it may still be growing, and the writing cursor's styles look for it there):
 * when the next block starts, it moves into its chunk, mounting again from its kept rendering.
 * The last block sits in a box (data-tail) that stays the container's last child: the browser
 * restyles the whole subtree of an element that becomes or stops being the last child under
 * rules such as `.markdown > :last-child`, and with the block itself as the last child, that
 * was the chunk before it (up to 16 blocks, 50 to 100 elements) at every block of a stream,
 * between the old block's removal and the new one's insertion. (Kept in the last chunk, the
 * block would mount once, but the chunks would take turns as the last child.)
 * A chunk mounts its blocks once each; one that was made whole at once would lay out and paint
 * all of them in the frame it appears.
 */
export const CHUNK_BLOCKS = 16;

function sameBlocks(a: NormalizedMath[], b: NormalizedMath[]): boolean {
  return a.length === b.length && a.every((block, index) => block === b[index]);
}

/**
 * A run of finished blocks. A plain block box: its children's margins collapse through it as if
 * it were not there, until it settles (useSettledBlocks) and takes them over itself.
 */
const MarkdownChunk = memo(
  function MarkdownChunk({
    first,
    blocks,
    math,
  }: {
    /** The index of the first block, which keys the blocks. */
    first: number;
    blocks: NormalizedMath[];
    math: MathPlugins | null;
  }) {
    return (
      <div data-chunk="" data-partial={blocks.length < CHUNK_BLOCKS || undefined}>
        {blocks.map((block, offset) => (
          <MarkdownBlock key={first + offset} block={block} math={block.math ? math : null} />
        ))}
      </div>
    );
  },
  // The blocks are a new array at every frame, holding the same (cached) blocks.
  (before, after) =>
    before.first === after.first &&
    before.math === after.math &&
    sameBlocks(before.blocks, after.blocks),
);

/**
 * The code block a streaming reply is still writing, shown as the plain text it is so far: the
 * same element the pipeline renders, without the highlighting, which arrives when the closing
 * fence does and the worker has highlighted it. Parsing and highlighting a long block again at every frame was a frame's whole
 * budget, and grew with the block.
 */
function OpenCodeBlock({ fence }: { fence: OpenFence }) {
  return (
    <CodeBlock language={fence.language} code={fence.code}>
      {/* As remark-rehype writes it: a newline after the code, and the class rehype-highlight adds. */}
      <code className={fence.language ? `hljs language-${fence.language}` : undefined}>
        {fence.code ? `${fence.code}\n` : ''}
      </code>
    </CodeBlock>
  );
}

/** The last block: still growing while a reply streams, a code block in it shown as written. */
function LastBlock({
  block,
  math,
  fence,
}: {
  block: NormalizedMath;
  math: MathPlugins | null;
  fence: OpenFence | null;
}) {
  return fence ? (
    <OpenCodeBlock fence={fence} />
  ) : (
    <MarkdownBlock block={block} math={block.math ? math : null} />
  );
}

/**
 * Which blocks are mounted: all from `from`. A text that grows at its end (streaming) keeps
 * every block mounted; one that arrives whole starts from its tail, and then mounts a run of
 * blocks above per frame, in the background (lib/chat/markdown-blocks.ts: nextMounted).
 */
function useMountedFrom(blocks: string[]): number {
  const [mounted, setMounted] = useState<MountedBlocks>(() => ({
    blocks,
    from: mountStart(blocks, blocks.length),
  }));
  const current = nextMounted(mounted, blocks);
  // Derived state, set while rendering: React renders again at once, before committing.
  if (current !== mounted) setMounted(current);
  const from = current.from;
  useEffect(() => {
    if (from === 0) return;
    const frame = requestAnimationFrame(() =>
      startTransition(() =>
        setMounted((state) => ({ ...state, from: mountStart(blocks, state.from) })),
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [from, blocks]);
  return from;
}

/**
 * Elements that may skip their rendering while off screen (`content-visibility: auto`, in
 * markdown.css) without looking any different. That style contains an element's layout, so
 * margins inside it no longer collapse with its own: those with margined block children
 * (loose or nested lists, quotes, display math) keep rendering as they are. Its paint is
 * clipped to its box too: an ordered list numbered past 99 has markers wider than its padding.
 */
function canSettle(element: Element): boolean {
  if (element.hasAttribute('data-chunk')) return canSettleChunk(element);
  switch (element.tagName) {
    case 'P':
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
    case 'HR':
    case 'PRE':
    case 'TABLE':
    case 'DIV':
      return element.querySelector('.katex-display') === null;
    case 'UL':
    case 'OL': {
      const last = (Number(element.getAttribute('start')) || 1) + element.children.length;
      return (
        (element.tagName === 'UL' || last < 100) &&
        element.querySelector('p, ul, ol, blockquote, .katex-display') === null
      );
    }
    default:
      return false;
  }
}

/**
 * A chunk may skip its rendering when nothing in it draws outside its box (display math, lists
 * numbered past 99) and its first and last blocks' margins are their own (settled, it holds
 * them itself: see settle).
 */
function canSettleChunk(chunk: Element): boolean {
  const first = chunk.firstElementChild;
  const last = chunk.lastElementChild;
  if (!first || !last || first.hasAttribute('data-chunk') || last.hasAttribute('data-chunk')) {
    return false;
  }
  if (chunk.querySelector('.katex-display')) return false;
  for (const list of chunk.querySelectorAll('ol')) {
    if ((Number(list.getAttribute('start')) || 1) + list.children.length >= 100) return false;
  }
  return canSettle(first) && canSettle(last);
}

/**
 * Marks an element settled. A chunk first takes over the margins of its first and last blocks
 * and sets theirs to 0: skipping its rendering contains its layout, and margins inside it would
 * no longer collapse with those of the blocks around it. The blocks' margins are set inline, on
 * those two elements alone: a style rule keyed on the chunk's attribute (`[data-settled] >
 * :first-child`) had the browser restyle every element of the chunk when it settled (its whole
 * subtree, about 170 elements of a long reply, in the frame after, when the chunk showed on
 * screen: 8 to 17 ms at 4x CPU slowdown, each time a chunk of 16 blocks settled).
 */
function settle(element: Element): void {
  if (element.hasAttribute('data-chunk') && element instanceof HTMLElement) {
    const first = element.firstElementChild;
    const last = element.lastElementChild;
    // Both read before either is written: one style and layout, not two.
    const top = first ? getComputedStyle(first).marginTop : null;
    const bottom = last ? getComputedStyle(last).marginBottom : null;
    if (first instanceof HTMLElement && top !== null) {
      element.style.marginTop = top;
      first.style.marginTop = '0px';
    }
    if (last instanceof HTMLElement && bottom !== null) {
      element.style.marginBottom = bottom;
      last.style.marginBottom = '0px';
    }
  }
  element.setAttribute('data-settled', '');
}

/**
 * Marks the finished top-level elements of the container `data-settled` (markdown.css lets the
 * browser skip their layout and paint while they are off screen). An element is marked one
 * frame after it was first seen, so it has been laid out once and the browser remembers its
 * real height (`contain-intrinsic-size: auto`): the page is as tall as before, the view does
 * not jump when the reader scrolls up, and the bottom stays the bottom. The last element is
 * never marked: it may still be growing.
 */
function useSettledBlocks(container: RefObject<HTMLDivElement | null>): void {
  const loop = useRef<{ frame: number; seen: Set<Element> } | null>(null);
  useEffect(() => {
    if (loop.current) return;
    const state = { frame: 0, seen: new Set<Element>() };
    const pass = () => {
      const root = container.current;
      const seenBefore = state.seen;
      state.seen = new Set();
      let waiting = false;
      const mounting = root?.hasAttribute('data-mounting') ?? false;
      for (let child = root?.firstElementChild; child; child = child.nextElementSibling) {
        if (child === root?.lastElementChild || child.hasAttribute('data-settled')) continue;
        // A chunk still mounting its blocks grows: it settles once whole and laid out so. The
        // first element waits too while earlier blocks mount: as the first, its first block has
        // no top margin, which a chunk settled then would keep once blocks go in above it.
        // The partial chunk before the last block of a whole text (or between two blocks of a
        // stream) is not waited for: the next render that fills it starts the frames again.
        if (child.hasAttribute('data-partial') || (mounting && child === root?.firstElementChild)) {
          if (mounting) waiting = true;
          continue;
        }
        if (seenBefore.has(child)) {
          if (canSettle(child)) settle(child);
        } else {
          state.seen.add(child);
        }
      }
      // Frames run only while something is left to mark (a stream, or blocks still mounting).
      if (state.seen.size > 0 || waiting) state.frame = requestAnimationFrame(pass);
      else loop.current = null;
    };
    loop.current = state;
    state.frame = requestAnimationFrame(pass);
  });
  useEffect(
    () => () => {
      if (loop.current) cancelAnimationFrame(loop.current.frame);
      loop.current = null;
    },
    [],
  );
}

/**
 * Per-block math normalization, reusing the results for blocks that did not change: blocks
 * before the tail are the same strings as at the last frame, so comparing references is enough
 * (no hashing of a thousand block texts per frame).
 */
function useNormalizedBlocks(blocks: string[]): NormalizedMath[] {
  const cache = useRef<{ blocks: string[]; normalized: NormalizedMath[] }>({
    blocks: [],
    normalized: [],
  });
  return useMemo(() => {
    const previous = cache.current;
    const normalized = blocks.map((block, index) =>
      previous.blocks[index] === block
        ? (previous.normalized[index] ?? normalizeMath(block))
        : normalizeMath(block),
    );
    cache.current = { blocks, normalized };
    return normalized;
  }, [blocks]);
}

export const Markdown = memo(function Markdown({
  text,
  className,
  streaming = false,
}: {
  text: string;
  className?: string;
  /** Shows the writing cursor at the end of the last line of text. */
  streaming?: boolean;
}) {
  // A cache, not state: any earlier split gives the same result, a recent one just sooner.
  const split = useRef<SplitText | null>(null);
  const blocks = useMemo(() => {
    split.current = splitAppended(split.current, text);
    return split.current.blocks;
  }, [text]);
  const normalized = useNormalizedBlocks(blocks);
  const math = useMathPlugins(normalized.some((block) => block.math));
  const from = useMountedFrom(blocks);
  const container = useRef<HTMLDivElement>(null);
  useSettledBlocks(container);
  useEffect(warmHighlighter, []);
  // Every block but the last sits in the chunk its index puts it in, from the first mounted.
  const last = blocks.length - 1;
  const chunks: number[] = [];
  for (let start = from - (from % CHUNK_BLOCKS); start < last; start += CHUNK_BLOCKS) {
    chunks.push(start);
  }
  return (
    <div
      ref={container}
      className={cn('markdown', className)}
      data-streaming={streaming || undefined}
      data-mounting={from > 0 || undefined}
    >
      {chunks.map((start) => (
        <MarkdownChunk
          key={`chunk-${start}`}
          first={Math.max(start, from)}
          blocks={normalized.slice(Math.max(start, from), Math.min(start + CHUNK_BLOCKS, last))}
          math={math}
        />
      ))}
      {last >= from && normalized[last] ? (
        // In a box of its own that stays the container's last child (see CHUNK_BLOCKS).
        <div data-tail="">
          {/* Keyed by its index, as inside a chunk: a stable identity, since blocks only grow at the end. */}
          <LastBlock
            key={last}
            block={normalized[last]}
            math={math}
            fence={streaming ? openFence(normalized[last].text) : null}
          />
        </div>
      ) : null}
    </div>
  );
});
