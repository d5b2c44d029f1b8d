// Renders a message's Markdown (GitHub flavour: tables, task lists, strikethrough) with
// highlighted code. Raw HTML in the text is never rendered or executed, and link URLs pass
// react-markdown's safe-protocol filter, so a reply cannot inject markup or scripts.
// The text is rendered block by block, each block memoized by its text: while a reply streams,
// only the block still growing at the end is parsed and rendered again, so a long reply costs
// the same per token at its end as at its start.
// A text that arrives whole (a chat opened or reloaded) mounts its last blocks first, where the
// view opens, and the earlier ones a few at a time in low-priority renders, so no single task
// parses and commits a 20,000-token reply at once.
'use client';

import { type ComponentProps, memo, startTransition, useEffect, useMemo, useState } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { splitMarkdownBlocks } from '~/lib/chat/markdown-blocks';
import { cn } from '~/lib/cn';
import { CodeBlock } from './code-block';

interface HastLike {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
}

function textOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function languageOf(node: HastLike | undefined): string | null {
  const code = node?.children?.find((child) => child.tagName === 'code');
  const classes = code?.properties?.className;
  const list = Array.isArray(classes) ? classes : [];
  const language = list.find(
    (c): c is string => typeof c === 'string' && c.startsWith('language-'),
  );
  return language ? language.slice('language-'.length) : null;
}

const components: Components = {
  // Each block takes its direction from its own first strong character (Arabic, Hebrew...).
  p: ({ children }) => <p dir="auto">{children}</p>,
  li: ({ children }) => <li dir="auto">{children}</li>,
  h1: ({ children }) => <h1 dir="auto">{children}</h1>,
  h2: ({ children }) => <h2 dir="auto">{children}</h2>,
  h3: ({ children }) => <h3 dir="auto">{children}</h3>,
  h4: ({ children }) => <h4 dir="auto">{children}</h4>,
  blockquote: ({ children }) => <blockquote dir="auto">{children}</blockquote>,
  pre({ children, node }: ComponentProps<'pre'> & ExtraProps) {
    const hast = node as HastLike | undefined;
    return (
      <CodeBlock language={languageOf(hast)} code={textOf(hast).replace(/\n$/, '')}>
        {children}
      </CodeBlock>
    );
  },
  a({ children, href }) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    );
  },
  table({ children }) {
    return (
      <div className="my-4 overflow-x-auto rounded-lg border border-border">
        <table className="!my-0 [&_td]:border-x-0 [&_th]:border-x-0 [&_tr:last-child_td]:border-b-0 [&_th]:border-t-0">
          {children}
        </table>
      </div>
    );
  },
  img({ alt }) {
    // Remote images in replies would leak the reader's address; show their description instead.
    return <span className="text-muted-foreground">[{alt || 'image'}]</span>;
  },
};

// rehype-highlight registers every common highlight.js grammar each time the plugin is attached,
// and react-markdown attaches its plugins on every render: with one processor per block and per
// token, that registration was most of the time a long reply took to render. So the plugin is
// set up once, on first use, and every processor shares its transformer.
type Transformer = ReturnType<typeof rehypeHighlight>;
let sharedHighlight: Transformer | undefined;
function rehypeHighlightOnce(): Transformer {
  sharedHighlight ??= (rehypeHighlight as (options: { detect: boolean }) => Transformer)({
    detect: false,
  });
  return sharedHighlight;
}

const remarkPlugins = [remarkGfm];
const rehypePlugins: Parameters<typeof ReactMarkdown>[0]['rehypePlugins'] = [rehypeHighlightOnce];

const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      components={components}
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
  const blocks = useMemo(() => splitMarkdownBlocks(text), [text]);
  const from = useMountedFrom(blocks.length);
  return (
    <div
      className={cn('markdown', className)}
      data-streaming={streaming || undefined}
      data-mounting={from > 0 || undefined}
    >
      {blocks.slice(from).map((block, offset) => (
        // Blocks only ever grow at the end, so the index is a stable identity.
        <MarkdownBlock key={from + offset} text={block} />
      ))}
    </div>
  );
});
