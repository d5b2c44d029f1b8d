// Markdown for pages rendered whole on the server (shared chats): the same elements and math as
// the app, with KaTeX imported up front since the page is static and renders math at once, and
// code highlighted here (the app does it in a worker).
import ReactMarkdown from 'react-markdown';
import { normalizeMath } from '~/lib/chat/math';
import { cn } from '~/lib/cn';
import { mathRehypePlugins, mathRemarkPlugins } from './math-plugins';
import { baseRehypePlugins, markdownComponents } from './pipeline';

// KaTeX first, so the highlighter never sees the math code nodes.
const rehypePlugins = [...mathRehypePlugins, ...baseRehypePlugins];

export function StaticMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={cn('markdown', className)}>
      <ReactMarkdown
        remarkPlugins={mathRemarkPlugins}
        rehypePlugins={rehypePlugins}
        components={markdownComponents}
        skipHtml
      >
        {normalizeMath(text).text}
      </ReactMarkdown>
    </div>
  );
}
