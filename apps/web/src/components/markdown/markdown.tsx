// Renders a message's Markdown in the app (pipeline.tsx: GitHub flavour, highlighted code, no raw
// HTML, safe links) with math (math-plugins.ts) once a reply holds any.
// The text is rendered block by block, each block memoized by its text: while a reply streams,
// only the block still growing at the end is parsed and rendered again, so a long reply costs
// the same per token at its end as at its start.
// KaTeX is loaded on first need: until it arrives (a moment, once per page) formulas show as
// their source, then every reply re-renders with them.
'use client';

import { memo, useEffect, useMemo, useState } from 'react';
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
  return (
    <div className={cn('markdown', className)} data-streaming={streaming || undefined}>
      {blocks.map((block, index) => (
        // Blocks only ever grow at the end, so the index is a stable identity.
        <MarkdownBlock key={index} text={block} math={normalized.math ? math : null} />
      ))}
    </div>
  );
});
