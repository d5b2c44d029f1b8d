// The one path by which live events reach the UI, whatever brought them (the local relay's
// events.user subscription or Supabase Realtime): each event is merged into the TanStack Query
// cache of the tRPC queries — chat list pages, the chat, its messages — through the same edits
// the mutations use, so it is idempotent and never moves a row backwards. After a reconnect,
// `resyncLiveQueries` refetches what is on screen, so nothing missed meanwhile stays missing.
import type { RealtimePayload } from '@zatten/db/browser';
import {
  type CacheTarget,
  type MessageReference,
  refreshMessage,
  removeChat,
  removeMessage,
  upsertChat,
  upsertMessage,
} from '../chats/cache';
import type { Chat, Message } from '../chats/types';

export function applyRealtimePayload(target: CacheTarget, payload: RealtimePayload): void {
  if (payload.table === 'chats') {
    if (payload.op === 'delete') removeChat(target, payload.id, { stillOpen: 'refetch' });
    else upsertChat(target, payload.record as Chat);
    return;
  }
  const record = payload.record;
  if (!('chat_id' in record)) return;
  if (payload.op === 'delete') {
    removeMessage(target, record.chat_id, payload.id, { deleted: true });
    return;
  }
  if (payload.ref || !('content' in record)) {
    // Too large to travel with the event: fetch this one message, not the whole list.
    void refreshMessage(target, record as MessageReference);
    return;
  }
  upsertMessage(target, record as Message);
}

/** After a reconnect: refetch the chat lists, open chats and loaded messages. */
export function resyncLiveQueries({ queryClient, trpc }: CacheTarget): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries(trpc.chat.pathFilter()),
    queryClient.invalidateQueries(trpc.message.list.pathFilter()),
  ]);
}
