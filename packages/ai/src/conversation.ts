// A chat's thread is an OpenAI Conversation, created on the chat's first message and
// tagged with our chat and user ids so it can be traced back from OpenAI's side.

import type OpenAI from 'openai';
import { classifyError } from './classify-error';
import { AiError } from './errors';
import type { EnsureConversationParams } from './types';

/** Returns the chat's conversation id, creating the conversation if it has none yet. */
export async function ensureConversation(
  client: OpenAI | undefined,
  params: EnsureConversationParams,
): Promise<string> {
  if (params.existingConversationId) return params.existingConversationId;
  if (!client) throw new AiError('not_configured', 'OPENAI_API_KEY is not set');
  try {
    const conversation = await client.conversations.create(
      { metadata: { app: 'zatten-chat', chat_id: params.chatId, user_id: params.userId } },
      // Creating an empty conversation twice only leaves an unused one, so SDK retries are safe here.
      { maxRetries: 2, timeout: 30_000, signal: params.signal },
    );
    return conversation.id;
  } catch (error) {
    const { code, detail } = classifyError(error);
    throw new AiError(code, `creating the conversation failed: ${detail}`, { cause: error });
  }
}
