// Conversation helpers over HTTP shared by the reliability tests.
import { dataOf, trpcMutation, trpcQuery } from './http';

export interface Message {
  id: string;
  role: string;
  status: string;
  content: string;
  error_code: string | null;
}

export const TERMINAL = ['complete', 'failed', 'cancelled'];

export async function newChat(base: string, token: string): Promise<string> {
  return dataOf<{ id: string }>(await trpcMutation(base, 'chat.create', {}, token)).id;
}

export async function send(base: string, token: string, chatId: string, content: string) {
  return dataOf<{ userMessage: Message; assistantMessage: Message }>(
    await trpcMutation(base, 'message.send', { chatId, content }, token),
  );
}

export async function messages(base: string, token: string, chatId: string): Promise<Message[]> {
  return dataOf<{ items: Message[] }>(
    await trpcQuery(base, 'message.list', { chatId, limit: 100 }, token),
  ).items;
}

/** Polls until every message of the chat is terminal; returns them. */
export async function settled(
  base: string,
  token: string,
  chatId: string,
  timeoutMs = 60_000,
): Promise<Message[]> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const items = await messages(base, token, chatId);
      last = items.map((m) => `${m.role}:${m.status}:${m.content.length}`);
      if (items.every((m) => TERMINAL.includes(m.status))) return items;
    } catch (error) {
      last = error; // the database may still be coming back
    }
    if (Date.now() > deadline) throw new Error(`chat ${chatId} did not settle: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
