// The one path by which live events reach the UI, whatever brought them (the local relay's
// events.user subscription or Supabase Realtime): each event is merged into the TanStack Query
// cache of the tRPC queries — chat list pages, the chat, its messages — through the same edits
// the mutations use, so it is idempotent and never moves a row backwards. After a reconnect,
// `resyncLiveQueries` refetches what is on screen, so nothing missed meanwhile stays missing.
import type { RealtimePayload } from '@zatten/db/browser';
import { isFollowedLive } from '../chat/live-replies';
import {
  branchTail,
  type CacheTarget,
  invalidateMessages,
  type MessageReference,
  refreshMessage,
  removeChat,
  removeMessage,
  upsertChat,
  upsertMessage,
} from '../chats/cache';
import { type Chat, isActiveStatus, type Message } from '../chats/types';

export function applyRealtimePayload(target: CacheTarget, payload: RealtimePayload): void {
  if (payload.table === 'chats') {
    if (payload.op === 'delete') removeChat(target, payload.id, { stillOpen: 'refetch' });
    else {
      const chat = payload.record as Chat;
      upsertChat(target, chat);
      followActiveBranch(target, chat);
    }
    return;
  }
  const record = payload.record;
  if (!('chat_id' in record)) return;
  if (payload.op === 'delete') {
    removeMessage(target, record.chat_id, payload.id, { deleted: true });
    return;
  }
  // A running reply that this tab follows through its stream: the stream has its text already,
  // and its end brings the row (lib/chat/live-replies.ts).
  const running = 'status' in record && isActiveStatus(record.status);
  if (payload.op === 'update' && running && isFollowedLive(payload.id)) {
    return;
  }
  if (payload.ref || !('content' in record)) {
    // Too large to travel with the event: fetch this one message, not the whole list.
    void refreshMessage(target, record as MessageReference);
    return;
  }
  upsertMessage(target, record as Message);
}

/**
 * The chat's active leaf moved away from the branch on screen (an edit, a regenerate or a switch,
 * here or on another device): refetch its pages, which follow the leaf. A leaf that is the tail
 * already (a send continuing the branch) changes nothing.
 */
function followActiveBranch(target: CacheTarget, chat: Chat): void {
  const tail = branchTail(target, chat.id);
  if (tail && chat.active_leaf_id && chat.active_leaf_id !== tail) {
    void invalidateMessages(target, chat.id);
  }
}

/** After a reconnect: refetch the chat lists, open chats and loaded messages. */
export function resyncLiveQueries({ queryClient, trpc }: CacheTarget): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries(trpc.chat.pathFilter()),
    queryClient.invalidateQueries(trpc.message.list.pathFilter()),
  ]);
}
