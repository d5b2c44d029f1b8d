// The Markdown pipeline every reply goes through, in the app and on shared pages: GitHub
// flavour (tables, task lists, strikethrough), highlighted code, per-block text direction, links
// that open apart, and no remote images. Raw HTML is never rendered (`skipHtml` by the callers).
// Math plugins live apart (math-plugins.ts) so KaTeX loads only for replies that hold math.
import type { ComponentProps } from 'react';
import type { Components, ExtraProps, Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
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

export const baseRemarkPlugins: NonNullable<Options['remarkPlugins']> = [remarkGfm];
export const baseRehypePlugins: NonNullable<Options['rehypePlugins']> = [rehypeHighlightOnce];
