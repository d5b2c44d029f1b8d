// @zatten/client: a typed client for Zatten Chat. `createZattenClient` gives the helpers for the
// common jobs and, as `trpc`, every procedure of the API typed end to end.
import type { TRPCClient } from '@trpc/client';
import {
  type CreateChatInput,
  type CreateChatResult,
  createChat,
  type UploadedFile,
  type UploadFileInput,
  uploadFile,
} from './chats';
import { followEvents } from './events';
import {
  followReply,
  type ReplyPart,
  type SendMessageInput,
  type SentMessage,
  sendMessage,
} from './messages';
import type { AppRouter } from './router.generated';
import {
  createTransport,
  DEFAULTS,
  defaultRetryDelay,
  type ZattenClientOptions,
} from './transport';
import type { LiveEvent } from './types';

export type {
  ChatOwner,
  CreateChatInput,
  CreateChatResult,
  UploadedFile,
  UploadFileInput,
} from './chats';
export {
  type ErrorCode,
  type ErrorReason,
  isZattenError,
  toZattenError,
  ZattenError,
} from './errors';
export type { ReplyPart, SendMessageInput, SentMessage } from './messages';
export type { AppRouter, ErrorShape } from './router.generated';
export type { TokenGetter, ZattenClientOptions } from './transport';
export type {
  LiveEvent,
  Message,
  PublicChat,
  RouterInputs,
  RouterOutputs,
  StreamEvent,
} from './types';

export interface ZattenClient {
  /** Every procedure of the API (`trpc.chat.list.query(...)`); errors are TRPCClientErrors. */
  trpc: TRPCClient<AppRouter>;
  /** With an API key: creates a chat for a user, by id or email; safe to repeat. */
  createChat(input: CreateChatInput): Promise<CreateChatResult>;
  /** With an API key: uploads a file for a user, to list in a chat's first message. */
  uploadFile(input: UploadFileInput): Promise<UploadedFile>;
  /** As a person: sends a message; iterate the result to read the reply as it streams. */
  sendMessage(input: SendMessageInput, options?: { signal?: AbortSignal }): Promise<SentMessage>;
  /** As a person: follows a reply already under way (e.g. after a restart). */
  followReply(messageId: string, options?: { signal?: AbortSignal }): AsyncIterable<ReplyPart>;
  /** As a person: their live events; stop with the signal or by leaving the loop. */
  followEvents(options?: { lastEventId?: string; signal?: AbortSignal }): AsyncIterable<LiveEvent>;
}

export function createZattenClient(options: ZattenClientOptions): ZattenClient {
  const trpc = createTransport(options);
  const retry = {
    retries: options.retries ?? DEFAULTS.retries,
    delayMs: options.retryDelayMs ?? defaultRetryDelay,
  };
  return {
    trpc,
    createChat: (input) => createChat(trpc, input, retry),
    uploadFile: (input) => uploadFile(trpc, options.fetch ?? globalThis.fetch, input),
    sendMessage: (input, sendOptions) => sendMessage(trpc, input, sendOptions),
    followReply: (messageId, followOptions) => followReply(trpc, messageId, followOptions),
    followEvents: (followOptions) => followEvents(trpc, followOptions),
  };
}
