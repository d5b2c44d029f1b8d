// The reply error's chunk (reply-error-content.tsx with the AI error codes), here alone: a chat
// view starts fetching it as it mounts, before a reply can fail, without taking the wrapper that
// renders it (reply-error.tsx, in the conversation's chunk) into its first load.
'use client';

import { lazyModule } from '~/components/ui/lazy-overlay';

export const replyErrorChunk = lazyModule(() => import('./reply-error-content'));
