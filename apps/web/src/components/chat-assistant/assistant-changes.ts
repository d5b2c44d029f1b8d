// Where a chat's assistant changed, from the assistant each reply recorded.
import type { Message } from '~/lib/chats/types';

/**
 * Where the assistant changed: for each reply whose assistant differs from the reply before it,
 * the question that reply answers (or the reply itself, if none) maps to the new assistant's id,
 * so the divider sits before the exchange the new assistant answered.
 */
export function assistantChanges(messages: Message[]): Map<string, string> {
  const changes = new Map<string, string>();
  let previous: string | null = null;
  let question: string | null = null;
  for (const message of messages) {
    if (message.role === 'user') {
      question = message.id;
      continue;
    }
    if (!message.assistant_id) continue;
    if (previous && previous !== message.assistant_id) {
      changes.set(question ?? message.id, message.assistant_id);
    }
    previous = message.assistant_id;
    question = null;
  }
  return changes;
}
