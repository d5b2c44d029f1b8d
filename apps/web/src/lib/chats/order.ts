// The orders the API pages in, reproduced on the client so live updates can place a row where
// the server would: chats by last activity (newest first), messages by creation (oldest first).
import { timestampMicros } from './time';
import type { Chat, Message } from './types';

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when `a` comes before `b` in the chat list. */
export function compareChats(a: Chat, b: Chat): number {
  return (
    timestampMicros(b.last_activity_at) - timestampMicros(a.last_activity_at) || byId(b.id, a.id)
  );
}

/**
 * Negative when `a` comes before `b` in a conversation. A question and its reply can share a
 * timestamp (one transaction), so at a tie the person's message comes first.
 */
export function compareMessages(a: Message, b: Message): number {
  const roleRank = (message: Message) => (message.role === 'user' ? 0 : 1);
  return (
    timestampMicros(a.created_at) - timestampMicros(b.created_at) ||
    roleRank(a) - roleRank(b) ||
    byId(a.id, b.id)
  );
}
