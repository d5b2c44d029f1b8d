// Creating a chat for one of the installation's users, safely repeatable: every call carries an
// idempotency key, so a retry (ours after a network failure, or the caller's) never makes two.

import type { TRPCClient } from '@trpc/client';
import { isRetryable, toZattenError } from './errors';
import type { AppRouter } from './router.generated';
import type { PublicChat } from './types';

/** Who the chat is for: exactly one of `userId` (the Clerk user id) and `email`. */
export type ChatOwner = { userId: string; email?: never } | { email: string; userId?: never };

export type CreateChatInput = ChatOwner & {
  title: string;
  assistantId?: string;
  /**
   * Makes the call idempotent across processes: the same key and input return the first chat
   * (`replayed: true`). Without one, a random key still guards this call's own retries.
   */
  idempotencyKey?: string;
};

export async function createChat(
  trpc: TRPCClient<AppRouter>,
  input: CreateChatInput,
  retry: { retries: number; delayMs: (attempt: number) => number },
): Promise<{ chat: PublicChat; replayed: boolean }> {
  const { idempotencyKey = crypto.randomUUID(), ...chat } = input;
  for (let attempt = 1; ; attempt++) {
    try {
      return await trpc.service.createChat.mutate({ chat, idempotencyKey });
    } catch (error) {
      const failure = toZattenError(error);
      if (attempt > retry.retries || !isRetryable(failure)) throw failure;
      await new Promise((resolve) => setTimeout(resolve, retry.delayMs(attempt)));
    }
  }
}
