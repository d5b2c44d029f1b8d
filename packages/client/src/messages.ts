// Sending a message as a person and reading the reply as it streams: an async iterator of text
// deltas that ends with the stored final message (complete, failed or cancelled).
import type { TRPCClient } from '@trpc/client';
import { toZattenError } from './errors';
import type { AppRouter } from './router.generated';
import type { Message } from './types';

export type ReplyPart =
  | { type: 'delta'; text: string }
  /** The last part: the reply as stored, with its final status, text, error code and usage. */
  | { type: 'done'; message: Message };

export interface SentMessage extends AsyncIterable<ReplyPart> {
  userMessage: Message;
  /** The reply, in `streaming` status when sent; iterate this object to follow it. */
  assistantMessage: Message;
}

export interface SendMessageInput {
  chatId: string;
  content: string;
  /** Your id (a UUID) for the message: sending again with it returns the same pair. */
  clientMessageId?: string;
}

/**
 * Follows a reply from its start (or from what is already there): deltas in order, then `done`.
 * A dropped connection resumes from the last event without gaps or repeats.
 */
export async function* followReply(
  trpc: TRPCClient<AppRouter>,
  messageId: string,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<ReplyPart, void, undefined> {
  let text = '';
  const events = trpc.message.stream.subscribe({ messageId }, { signal: options.signal });
  try {
    for await (const { data } of events) {
      if (data.type === 'snapshot') {
        // The text so far: only what this follower has not seen is new.
        const fresh = data.content.startsWith(text)
          ? data.content.slice(text.length)
          : data.content;
        text = data.content;
        if (fresh) yield { type: 'delta', text: fresh };
      } else if (data.type === 'delta') {
        text += data.text;
        yield { type: 'delta', text: data.text };
      } else {
        // The end event comes after the reply is stored, so this read sees its final state.
        yield { type: 'done', message: await trpc.message.get.query({ id: messageId }) };
        return;
      }
    }
  } catch (error) {
    // Ending the loop by aborting is how a caller stops following (the reply goes on).
    if (options.signal?.aborted) return;
    throw toZattenError(error);
  } finally {
    await events.return?.();
  }
}

export async function sendMessage(
  trpc: TRPCClient<AppRouter>,
  input: SendMessageInput,
  options: { signal?: AbortSignal } = {},
): Promise<SentMessage> {
  try {
    const { userMessage, assistantMessage } = await trpc.message.send.mutate(input, options);
    return {
      userMessage,
      assistantMessage,
      [Symbol.asyncIterator]: () => followReply(trpc, assistantMessage.id, options),
    };
  } catch (error) {
    throw toZattenError(error);
  }
}
