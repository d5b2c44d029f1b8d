// Markdown for pages rendered whole on the server (shared chats): the same pipeline and math as
// the app, with KaTeX imported up front since the page is static and renders math at once.
import ReactMarkdown from 'react-markdown';
import { normalizeMath } from '~/lib/chat/math';
import { cn } from '~/lib/cn';
import { mathRehypePlugins, mathRemarkPlugins } from './math-plugins';
import { markdownComponents } from './pipeline';

export function StaticMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={cn('markdown', className)}>
      <ReactMarkdown
        remarkPlugins={mathRemarkPlugins}
        rehypePlugins={mathRehypePlugins}
        components={markdownComponents}
        skipHtml
      >
        {normalizeMath(text).text}
      </ReactMarkdown>
    </div>
  );
}
