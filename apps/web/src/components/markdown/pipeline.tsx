// The Markdown pipeline of pages rendered whole on the server (shared chats): GitHub flavour
// (tables, task lists, strikethrough), highlighted code, and the elements of components.tsx. Raw
// HTML is never rendered (`skipHtml` by the callers). Math plugins live apart (math-plugins.ts)
// so KaTeX loads only for replies that hold math. The app's own renderer (markdown.tsx) does not
// use this module: it highlights code in a worker, and keeps highlight.js off the main thread.
import type { Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

export { markdownComponents } from './components';

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
