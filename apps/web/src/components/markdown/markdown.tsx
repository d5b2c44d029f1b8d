// Renders a message's Markdown in the app (pipeline.tsx: GitHub flavour, highlighted code, no raw
// HTML, safe links) with math (math-plugins.ts) once a reply holds any.
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

import { memo, type RefObject, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import ReactMarkdown from 'react-markdown';
import {
  type OpenFence,
  openFence,
  type SplitText,
  splitAppended,
} from '~/lib/chat/markdown-blocks';
import { type NormalizedMath, normalizeMath } from '~/lib/chat/math';
import { cn } from '~/lib/cn';
import { CodeBlock } from './code-block';
import { baseRehypePlugins, baseRemarkPlugins, markdownComponents } from './pipeline';
import './markdown.css';

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

const MarkdownBlock = memo(function MarkdownBlock({
  text,
  math,
}: {
  /** The block's text with its math normalized (lib/chat/math.ts). */
  text: string;
  /** The KaTeX plugins, for a block that holds math (null until they have loaded). */
  math: MathPlugins | null;
}) {
  return (
    <ReactMarkdown
      remarkPlugins={math ? math.mathRemarkPlugins : baseRemarkPlugins}
      rehypePlugins={math ? math.mathRehypePlugins : baseRehypePlugins}
      components={markdownComponents}
      skipHtml
    >
      {text}
    </ReactMarkdown>
  );
});

/**
 * The code block a streaming reply is still writing, shown as the plain text it is so far: the
 * same element the pipeline renders, without the highlighting, which arrives when the closing
 * fence does. Parsing and highlighting a long block again at every frame was a frame's whole
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

/**
 * Characters of Markdown mounted at once when a text arrives whole (its tail first), and then
 * per frame until all of it is: parsing, highlighting and laying out a block cost about its
 * length, so a frame's work is bounded by characters rather than by a count of blocks of any
 * size. A single block longer than this still mounts whole.
 */
export const MOUNT_CHARS = 1500;

/** Where the chunk of blocks that ends before `end` starts: at least one block. */
function chunkStart(blocks: string[], end: number): number {
  let start = end;
  let chars = 0;
  while (start > 0 && (start === end || chars < MOUNT_CHARS)) {
    start -= 1;
    chars += blocks[start]?.length ?? 0;
  }
  return start;
}

/**
 * Which blocks are mounted: all from `from`. A text that grows a little at a time (streaming)
 * keeps every block mounted; one that jumps by more than a chunk starts again from its tail.
 */
function useMountedFrom(blocks: string[]): number {
  const count = blocks.length;
  const [mounted, setMounted] = useState(() => ({ count, from: chunkStart(blocks, count) }));
  let current = mounted;
  if (count !== mounted.count) {
    const tail = chunkStart(blocks, count);
    current = { count, from: tail > mounted.count ? tail : Math.min(mounted.from, count) };
    // Derived state, set while rendering: React renders again at once, before committing.
    setMounted(current);
  }
  const from = current.from;
  useEffect(() => {
    if (from === 0) return;
    const frame = requestAnimationFrame(() =>
      startTransition(() =>
        setMounted((state) => ({ ...state, from: chunkStart(blocks, state.from) })),
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
      for (let child = root?.firstElementChild; child; child = child.nextElementSibling) {
        if (child === root?.lastElementChild || child.hasAttribute('data-settled')) continue;
        if (seenBefore.has(child)) {
          if (canSettle(child)) child.setAttribute('data-settled', '');
        } else {
          state.seen.add(child);
        }
      }
      // Frames run only while something is left to mark (a stream, or blocks still mounting).
      if (state.seen.size > 0) state.frame = requestAnimationFrame(pass);
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

/** Per-block math normalization, reusing the results for blocks that did not change. */
function useNormalizedBlocks(blocks: string[]): NormalizedMath[] {
  const cache = useRef(new Map<string, NormalizedMath>());
  return useMemo(() => {
    const previous = cache.current;
    const next = new Map<string, NormalizedMath>();
    const normalized = blocks.map((block) => {
      const result = previous.get(block) ?? next.get(block) ?? normalizeMath(block);
      next.set(block, result);
      return result;
    });
    cache.current = next;
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
  return (
    <div
      ref={container}
      className={cn('markdown', className)}
      data-streaming={streaming || undefined}
      data-mounting={from > 0 || undefined}
    >
      {normalized.slice(from).map((block, offset) => {
        // Blocks only ever grow at the end, so the index is a stable identity.
        const index = from + offset;
        const fence = streaming && index === blocks.length - 1 ? openFence(block.text) : null;
        return fence ? (
          <OpenCodeBlock key={index} fence={fence} />
        ) : (
          <MarkdownBlock key={index} text={block.text} math={block.math ? math : null} />
        );
      })}
    </div>
  );
});
