// Renders a message's Markdown (GitHub flavour: tables, task lists, strikethrough) with
// highlighted code. Raw HTML in the text is never rendered or executed, and link URLs pass
// react-markdown's safe-protocol filter, so a reply cannot inject markup or scripts.
'use client';

import { type ComponentProps, memo } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
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

const remarkPlugins = [remarkGfm];
const rehypePlugins: Parameters<typeof ReactMarkdown>[0]['rehypePlugins'] = [
  [rehypeHighlight, { detect: false, ignoreMissing: true }],
];

export const Markdown = memo(function Markdown({
  text,
  className,
}: {
  text: string;
  className?: string;
}) {
  return (
    <div className={cn('markdown', className)}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        skipHtml
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
