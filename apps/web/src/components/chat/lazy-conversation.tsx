// An open chat's conversation (conversation.tsx), out of the chat's first load. Its chunk is
// fetched as soon as this module runs in the browser: as the page's scripts run, before
// hydration, so it is on its way before the messages are asked for (once the page has hydrated);
// on a chat opened from another page, as the chat's code arrives. Until both are there the
// conversation's place shows ConversationLoading, the spinner in the same box as while the
// messages load, so nothing moves or flashes when the list takes its place.
'use client';

import { useTranslations } from 'next-intl';
import { Spinner } from '~/components/ui/spinner';
import type { ConversationProps } from './conversation';
import { conversationChunk } from './conversation-chunk';

if (typeof window !== 'undefined') conversationChunk.load().catch(() => undefined);

/** The conversation's place while its messages (or its code) are on their way. */
export function ConversationLoading() {
  const t = useTranslations('chat');
  return (
    <div className="flex flex-1 items-center justify-center" aria-busy="true">
      <Spinner className="size-5 text-muted-foreground" />
      <span className="sr-only">{t('loading')}</span>
    </div>
  );
}

export function Conversation(props: ConversationProps) {
  const Loaded = conversationChunk.useModule()?.Conversation;
  return Loaded ? <Loaded {...props} /> : <ConversationLoading />;
}
