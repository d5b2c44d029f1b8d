// Renders a message's Markdown in the app (pipeline.tsx: GitHub flavour, highlighted code, no raw
// HTML, safe links) with math (math-plugins.ts) once a reply holds any.
// The text is rendered block by block, each block memoized by its text: while a reply streams,
// only the block still growing at the end is parsed and rendered again, so a long reply costs
// the same per token at its end as at its start.
// KaTeX is loaded on first need: until it arrives (a moment, once per page) formulas show as
// their source, then every reply re-renders with them.
// A text that arrives whole (a chat opened or reloaded) mounts its last blocks first, where the
// view opens, and the earlier ones a few at a time in low-priority renders, so no single task
// parses and commits a 20,000-token reply at once.
'use client';

import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import ReactMarkdown from 'react-markdown';
import { splitMarkdownBlocks } from '~/lib/chat/markdown-blocks';
import { normalizeMath } from '~/lib/chat/math';
import { cn } from '~/lib/cn';
import { baseRehypePlugins, baseRemarkPlugins, markdownComponents } from './pipeline';

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
  text: string;
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

/** Blocks mounted at once when a text arrives whole, and then per frame until all are. */
export const MOUNT_CHUNK = 16;

/** The index of the first block to mount for a text that arrived whole: its last chunk. */
function tailStart(count: number): number {
  return Math.max(0, count - MOUNT_CHUNK);
}

/**
 * Which blocks are mounted: all from `from`. A text that grows a little at a time (streaming)
 * keeps every block mounted; one that jumps by more than a chunk starts again from its tail.
 */
function useMountedFrom(count: number): number {
  const [mounted, setMounted] = useState(() => ({ count, from: tailStart(count) }));
  let current = mounted;
  if (count !== mounted.count) {
    current = {
      count,
      from: count - mounted.count > MOUNT_CHUNK ? tailStart(count) : Math.min(mounted.from, count),
    };
    // Derived state, set while rendering: React renders again at once, before committing.
    setMounted(current);
  }
  const from = current.from;
  useEffect(() => {
    if (from === 0) return;
    const frame = requestAnimationFrame(() =>
      startTransition(() =>
        setMounted((state) => ({ ...state, from: Math.max(0, state.from - MOUNT_CHUNK) })),
      ),
    );
    return () => cancelAnimationFrame(frame);
  }, [from]);
  return from;
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
  const normalized = useMemo(() => normalizeMath(text), [text]);
  const math = useMathPlugins(normalized.math);
  const blocks = useMemo(() => splitMarkdownBlocks(normalized.text), [normalized.text]);
  const from = useMountedFrom(blocks.length);
  return (
    <div
      className={cn('markdown', className)}
      data-streaming={streaming || undefined}
      data-mounting={from > 0 || undefined}
    >
      {blocks.slice(from).map((block, offset) => (
        // Blocks only ever grow at the end, so the index is a stable identity.
        <MarkdownBlock key={from + offset} text={block} math={normalized.math ? math : null} />
      ))}
    </div>
  );
});
