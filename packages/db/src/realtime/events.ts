// The events the database triggers broadcast on `user:<id>` (supabase/migrations/*_realtime.sql),
// whether they arrive through Supabase Realtime or the local relay.
import type { ChatRow, MessageRow } from '../schema';

export type RealtimeOp = 'insert' | 'update' | 'delete';

export type ChatEventPayload = {
  table: 'chats';
  op: RealtimeOp;
  id: string;
  /** The row; on delete only its id. */
  record: ChatRow | { id: string };
  ref: false;
};

export type MessageEventPayload = {
  table: 'messages';
  op: RealtimeOp;
  id: string;
  /**
   * The row, or a reference (`ref: true`): without `content` when the content is large (the client
   * refetches the message), and only ids on delete.
   */
  record:
    | MessageRow
    | (Omit<MessageRow, 'content'> & { content_length: number })
    | { id: string; chat_id: string };
  ref: boolean;
};

export type RealtimePayload = ChatEventPayload | MessageEventPayload;

export interface RealtimeEvent {
  /** Position in the local event log; increases with every event. */
  id: string;
  topic: string;
  event: string;
  payload: RealtimePayload;
}

export const userTopic = (userId: string) => `user:${userId}`;
