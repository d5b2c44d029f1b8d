// A reply's Markdown, loaded on demand: the renderer (react-markdown, GitHub flavour and
// highlight.js's grammars) is most of the chat's JavaScript and nothing on a page's first paint
// needs it, so it is its own chunk. Until it arrives (a moment, once per page: chat views start
// fetching it when they mount, markdown-chunk.ts) a reply shows its text as written, in the same
// box and typography, so nothing jumps or flashes empty; then every reply re-renders as Markdown.
// A failed fetch (offline) leaves the plain text, and the next reply that mounts tries again.
'use client';

import { markdownChunk } from './markdown-chunk';

/** The text as written, while the renderer loads: the Markdown's box, lines kept, own direction. */
function PlainReply({ text, streaming }: { text: string; streaming: boolean }) {
  return (
    <div className="markdown" data-streaming={streaming || undefined} data-plain>
      <p dir="auto" className="whitespace-pre-wrap">
        {text}
      </p>
    </div>
  );
}

export function ReplyMarkdown({ text, streaming }: { text: string; streaming: boolean }) {
  const module = markdownChunk.useModule();
  if (!module) return <PlainReply text={text} streaming={streaming} />;
  return <module.Markdown text={text} streaming={streaming} />;
}
