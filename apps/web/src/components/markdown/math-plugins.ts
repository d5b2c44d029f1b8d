// KaTeX for replies that hold math: remark-math parses `$...$` and `$$...$$` (the other
// delimiters are rewritten to these by lib/chat/math.ts first) and rehype-katex renders them.
// The app imports this module lazily, only when a reply with math is on screen, so KaTeX's
// script and stylesheet stay out of every page's first load. KaTeX runs untrusted (no \href,
// \url or HTML-producing commands) and a formula it cannot parse shows as its source.
// No highlighter here: pages rendered on the server add it after KaTeX (static-markdown.tsx),
// the app highlights code off the main thread (highlighted-code.tsx).
import 'katex/dist/katex.min.css';
import type { Options } from 'react-markdown';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';

export const mathRemarkPlugins: NonNullable<Options['remarkPlugins']> = [remarkGfm, remarkMath];

export const mathRehypePlugins: NonNullable<Options['rehypePlugins']> = [
  [rehypeKatex, { throwOnError: false, strict: 'ignore', trust: false, maxExpand: 500 }],
];
