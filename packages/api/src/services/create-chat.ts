// Creating a chat for a user on behalf of another system: the one implementation behind
// `service.createChat` (tRPC) and `POST /api/v1/chats` (REST). With an idempotency key the claim
// and the chat are written in one transaction, so concurrent repeats create one chat.

import {
  type ApiKeySummary,
  type ChatRow,
  claimIdempotencyKey,
  completeIdempotencyKey,
  createChat,
  createChatIfPossible,
  findUserByEmail,
  hashRequest,
  type Json,
  requireUser,
  type Tx,
  type UserRow,
  withService,
} from '@zatten/db';
import { DomainError } from '../errors';
import type { PublicChat, ServiceCreateChatInput } from '../schemas';
import type { ApiServices } from '../services';

export function toPublicChat(services: ApiServices, chat: ChatRow): PublicChat {
  return {
    id: chat.id,
    userId: chat.user_id,
    title: chat.title,
    assistantId: chat.assistant_id,
    source: chat.source as PublicChat['source'],
    createdAt: chat.created_at,
    updatedAt: chat.updated_at,
    url: new URL(`/c/${chat.id}`, services.env.APP_URL).toString(),
  };
}

/** The user another system names, by Clerk id or by email (whatever its case). */
export async function findTargetUser(
  tx: Tx,
  target: { userId?: string; email?: string },
): Promise<UserRow> {
  const user = target.userId
    ? await requireUser(tx, target.userId)
    : await findUserByEmail(tx, target.email ?? '');
  if (!user) {
    throw new DomainError('not_found', 'user_not_found', `No user has the email ${target.email}.`);
  }
  return user;
}

export interface CreateChatResult {
  chat: PublicChat;
  /** True when an earlier request with the same idempotency key made this chat. */
  replayed: boolean;
}

export async function createChatForUser(
  services: ApiServices,
  apiKey: ApiKeySummary,
  input: ServiceCreateChatInput,
  idempotencyKey?: string,
): Promise<CreateChatResult> {
  return withService(services.database, async (tx) => {
    if (idempotencyKey) {
      const claim = await claimIdempotencyKey(tx, {
        apiKeyId: apiKey.id,
        key: idempotencyKey,
        requestHash: hashRequest(input),
      });
      if (claim.kind === 'mismatch') {
        throw new DomainError(
          'conflict',
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request body.',
        );
      }
      if (claim.kind === 'replay') {
        return { chat: claim.body as unknown as PublicChat, replayed: true };
      }
    }
    const fields = {
      title: input.title,
      assistantId: input.assistantId,
      source: 'api',
      titleSource: 'api',
    } as const;
    // By id, the usual case: one statement checks the user and the assistant and inserts. When
    // it inserts nothing, the step-by-step path below says precisely what is missing.
    const created = input.userId
      ? await createChatIfPossible(tx, { userId: input.userId, ...fields })
      : undefined;
    const chat = toPublicChat(
      services,
      created ??
        (await createChat(tx, { userId: (await findTargetUser(tx, input)).id, ...fields })),
    );
    if (idempotencyKey) {
      await completeIdempotencyKey(tx, {
        apiKeyId: apiKey.id,
        key: idempotencyKey,
        status: 201,
        body: chat as unknown as Json,
      });
    }
    return { chat, replayed: false };
  });
}
