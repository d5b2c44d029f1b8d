// Highlights one fenced code block exactly as the server-side pipeline does (rehype-highlight on
// the `<pre><code class="language-…">` that remark-rehype writes, no language detection), and
// returns the result in a compact, cloneable form: text, and spans with their classes. Runs in
// the highlight worker (highlight-worker.ts); highlight.js's grammars and their compilation,
// hundreds of milliseconds on a slow phone the first time a language is met, never touch the
// page's main thread.
import rehypeHighlight from 'rehype-highlight';

/** Highlighted code: text, and spans (their hast `className` joined) holding more of it. */
export type Highlighted = Array<string | HighlightedSpan>;
export interface HighlightedSpan {
  className: string;
  children: Highlighted;
}

interface Hast {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: Hast[];
}

type Transform = (tree: Hast, file: { message: () => void }) => void;
let transform: Transform | undefined;

function compact(nodes: Hast[]): Highlighted {
  return nodes.map((node) =>
    node.type === 'element'
      ? {
          className: Array.isArray(node.properties?.className)
            ? node.properties.className.join(' ')
            : '',
          children: compact(node.children ?? []),
        }
      : (node.value ?? ''),
  );
}

/**
 * The highlighted form of `text` (a code block's text, its final newline included) in
 * `language`, or null when there is nothing to highlight (an unknown language, plain text).
 */
export function highlightCode(language: string, text: string): Highlighted | null {
  // rehype-highlight registers highlight.js's common grammars when it is set up: once.
  transform ??= (rehypeHighlight as unknown as (options: { detect: boolean }) => Transform)({
    detect: false,
  });
  const code: Hast = {
    type: 'element',
    tagName: 'code',
    properties: { className: [`language-${language}`] },
    children: [{ type: 'text', value: text }],
  };
  const tree: Hast = {
    type: 'root',
    children: [{ type: 'element', tagName: 'pre', properties: {}, children: [code] }],
  };
  // An unknown language is reported through the file, and leaves the code as it was.
  transform(tree, { message: () => undefined });
  const result = compact(code.children ?? []);
  return result.some((node) => typeof node !== 'string') ? result : null;
}
