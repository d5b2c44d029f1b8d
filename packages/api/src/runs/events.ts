// What a follower of a reply receives. Event ids are character offsets into the reply (and `end`
// for the last one), so a reconnect that sends its last id back gets exactly the text after it.
import type { MessageStatus } from '@zatten/db';

export type StreamEvent =
  | { type: 'snapshot'; content: string; status: MessageStatus }
  | { type: 'delta'; text: string }
  | {
      type: 'end';
      status: 'complete' | 'failed' | 'cancelled';
      content: string;
      errorCode: string | null;
      errorMessage: string | null;
    };

export const END_EVENT_ID = 'end';

/** The offset a client already has, from the id it sent back; null for "send me everything". */
export function offsetFromEventId(lastEventId: string | null | undefined): number | null {
  if (!lastEventId || lastEventId === END_EVENT_ID) return null;
  const offset = Number(lastEventId);
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : null;
}

export const TERMINAL_STATUSES = ['complete', 'failed', 'cancelled'] as const;

export function isTerminal(status: string): status is (typeof TERMINAL_STATUSES)[number] {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
