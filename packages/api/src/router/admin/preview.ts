// A preview reply with an assistant's draft settings, so an admin can try them before saving.
// It runs in a throwaway conversation and is returned whole (a preview is short).
import { TRPCError } from '@trpc/server';
import type { AssistantRunner } from '@zatten/ai';
import { DomainError } from '../../errors';
import type { AssistantDraftInput } from './schemas';

export async function previewReply(
  ai: AssistantRunner,
  userId: string,
  draft: AssistantDraftInput,
  message: string,
  signal?: AbortSignal,
): Promise<{ text: string; model: string | null; totalTokens: number | null }> {
  const conversationId = await ai.ensureConversation({ chatId: 'preview', userId, signal });
  for await (const event of ai.run({
    conversationId,
    input: message,
    assistant: {
      model: draft.model,
      instructions: draft.instructions,
      temperature: draft.temperature ?? undefined,
      maxOutputTokens: draft.maxOutputTokens ?? undefined,
    },
    signal,
  })) {
    if (event.type === 'completed') {
      return { text: event.text, model: event.model, totalTokens: event.usage.totalTokens };
    }
    if (event.type === 'failed') {
      throw new DomainError('unavailable', `preview_${event.code}`, event.message);
    }
    if (event.type === 'cancelled') {
      throw new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'The preview was stopped.' });
    }
  }
  throw new TRPCError({ code: 'BAD_GATEWAY', message: 'The preview ended without a reply.' });
}
