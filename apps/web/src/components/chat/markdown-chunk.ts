// The Markdown renderer's chunk (react-markdown, GitHub flavour and highlight.js's grammars),
// here alone: the chat views start fetching it as they mount, without taking the reply wrapper
// that renders it (reply-markdown.tsx, in the conversation's chunk) into their first load.
'use client';

import { lazyModule } from '~/components/ui/lazy-overlay';

export const markdownChunk = lazyModule(() => import('~/components/markdown/markdown'));
