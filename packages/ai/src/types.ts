// The shapes callers of the runner see: assistant settings, limits and run events.
// They are ours, so no OpenAI SDK type reaches the api package.

import type { AiErrorCode } from './errors';
import type { ConversationTurn } from './history';

/** An assistant's model settings, as kept in our assistants table. */
export interface AssistantSettings {
  model: string;
  instructions: string;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
}

export interface RunLimits {
  /** From the start of the run (retries included) to the first text token. */
  firstTokenMs: number;
  /** Longest silence allowed between events once text has started. */
  idleMs: number;
  /** Extra attempts after a retryable failure, only while no text was streamed. */
  maxRetries: number;
  /** First backoff delay; doubles per attempt (with jitter) up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RUN_LIMITS: Readonly<RunLimits> = {
  firstTokenMs: 60_000,
  idleMs: 30_000,
  maxRetries: 2,
  backoffMs: 500,
  maxBackoffMs: 8_000,
};

export interface RunParams {
  /**
   * A Conversation to answer in (the input is then only the new question). Runs of chats send
   * their branch's whole history instead and leave this out.
   */
  conversationId?: string | undefined;
  /** The user's message text, or the branch's turns ending with the question to answer. */
  input: string | readonly ConversationTurn[];
  /** Up to 16 string pairs stored with the Response, to trace it back to our chat and message. */
  metadata?: Record<string, string> | undefined;
  assistant: AssistantSettings;
  signal?: AbortSignal | undefined;
  limits?: Partial<RunLimits> | undefined;
}

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export type RunEvent =
  /** A response was created upstream; repeated only if a retry began a new one before any text. */
  | { type: 'started'; responseId: string }
  | { type: 'delta'; text: string }
  | { type: 'completed'; text: string; responseId: string; model: string; usage: RunUsage }
  | {
      type: 'failed';
      code: AiErrorCode;
      /** Safe to show a user. */
      message: string;
      retryable: boolean;
      partialText: string;
      responseId?: string;
      /** Upstream description for logs only; never show it to a user. */
      detail?: string;
    }
  | { type: 'cancelled'; partialText: string; responseId?: string };

export type RunTerminalEvent = Extract<RunEvent, { type: 'completed' | 'failed' | 'cancelled' }>;

export interface EnsureConversationParams {
  chatId: string;
  userId: string;
  /** The chat's stored conversation id, if it has one already. */
  existingConversationId?: string | null | undefined;
  signal?: AbortSignal | undefined;
}

export interface GenerateTitleParams {
  userText: string;
  assistantText: string;
  model?: string | undefined;
  signal?: AbortSignal | undefined;
}
