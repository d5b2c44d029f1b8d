// Creating a chat for one of the installation's users, safely repeatable: every call carries an
// idempotency key, so a retry (ours after a network failure, or the caller's) never makes two.

import type { TRPCClient } from '@trpc/client';
import { isRetryable, toZattenError } from './errors';
import type { AppRouter } from './router.generated';
import type { RouterOutputs } from './types';

/** Who the chat is for: exactly one of `userId` (the Clerk user id) and `email`. */
export type ChatOwner = { userId: string; email?: never } | { email: string; userId?: never };

export type CreateChatInput = ChatOwner & {
  title: string;
  assistantId?: string;
  /**
   * A first message, sent as the user (its reply starts at once), with files uploaded for them by
   * `uploadFile`; the result's `firstMessage` names it and its reply.
   */
  message?: { content: string; attachmentIds?: string[] };
  /**
   * Makes the call idempotent across processes: the same key and input return the first chat
   * (`replayed: true`). Without one, a random key still guards this call's own retries.
   */
  idempotencyKey?: string;
};

export type CreateChatResult = RouterOutputs['service']['createChat'];

export async function createChat(
  trpc: TRPCClient<AppRouter>,
  input: CreateChatInput,
  retry: { retries: number; delayMs: (attempt: number) => number },
): Promise<CreateChatResult> {
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

/** A file for one of the installation's users, to reference in a chat's first message. */
export type UploadFileInput = ChatOwner & {
  name: string;
  data: Blob | Uint8Array;
  /** What the file is said to be; the server decides from its bytes. */
  contentType?: string;
};

export type UploadedFile = RouterOutputs['service']['confirmUpload'];

/**
 * Uploads a file for a user (issue 16): asks for a signed URL, PUTs the bytes there (straight to
 * the store: Supabase Storage or the app's disk store) and has the server check them.
 */
export async function uploadFile(
  trpc: TRPCClient<AppRouter>,
  fetcher: typeof fetch,
  input: UploadFileInput,
): Promise<UploadedFile> {
  const { data, name, contentType = '', ...owner } = input;
  const body = data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>]);
  const { attachment, upload } = await trpc.service.requestUpload
    .mutate({ ...owner, name, sizeBytes: body.size, contentType } as never)
    .catch((error: unknown) => {
      throw toZattenError(error);
    });
  const put = await fetcher(upload.url, { method: upload.method, headers: upload.headers, body });
  if (!put.ok) throw new Error(`the upload was refused (HTTP ${put.status})`);
  return trpc.service.confirmUpload.mutate({ id: attachment.id }).catch((error: unknown) => {
    throw toZattenError(error);
  });
}
