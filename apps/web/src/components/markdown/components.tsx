// The elements every reply's Markdown renders to, in the app and on shared pages: per-block text
// direction, code blocks with their language and a copy button, links that open apart, tables
// that scroll, and no remote images. No plugin lives here: the highlighter is added by the pages
// rendered whole on the server (pipeline.tsx), while the app highlights code off the main thread
// (highlighted-code.tsx).
import type { ComponentProps } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { CodeBlock } from './code-block';

export interface HastLike {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastLike[];
}

export function textOf(node: HastLike | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

export function languageOf(node: HastLike | undefined): string | null {
  const code = node?.children?.find((child) => child.tagName === 'code');
  const classes = code?.properties?.className;
  const list = Array.isArray(classes) ? classes : [];
  const language = list.find(
    (c): c is string => typeof c === 'string' && c.startsWith('language-'),
  );
  return language ? language.slice('language-'.length) : null;
}

export const markdownComponents: Components = {
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
