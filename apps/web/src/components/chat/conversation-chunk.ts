// The chunk of an open chat's conversation (conversation.tsx), here alone, without anything that
// fetches it: the new-chat screen fetches it when idle (its first message opens a chat) without
// taking it into its own first load.
'use client';

import { lazyModule } from '~/components/ui/lazy-overlay';

export const conversationChunk = lazyModule(() => import('./conversation'));
