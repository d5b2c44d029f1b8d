// Creating a chat for a user on behalf of another system: the one implementation behind
// `service.createChat` (tRPC) and `POST /api/v1/chats` (REST). With an idempotency key the claim
// and the chat are written in one transaction, so concurrent repeats create one chat.

import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import {
  type ApiKeySummary,
  type ChatRow,
  claimIdempotencyKey,
  completeIdempotencyKey,
  createChat,
  createChatIfPossible,
  createChatMetered,
  findUserByEmail,
  hashRequest,
  type Json,
  type MeteredCreate,
  requireUser,
  type Tx,
  type UserRow,
  withService,
} from '@zatten/db';
import { createInnerContext } from '../context';
import { DomainError } from '../errors';
import { createCaller } from '../root';
import { type PublicChat, type ServiceCreateChatInput, serviceCreateChatInput } from '../schemas';
import type { ApiServices } from '../services';
import { requireScope } from '../trpc';
import { type ApiKeyMeter, apiKeyMeter } from './api-key-meter';

/** `<APP_URL origin>/c/`, resolved once per APP_URL (a URL parse per chat costs more than the rest). */
let chatUrlBase: { appUrl: string; base: string } | null = null;

function chatUrl(appUrl: string, id: string): string {
  if (chatUrlBase?.appUrl !== appUrl) chatUrlBase = { appUrl, base: new URL('/c/', appUrl).href };
  // Chat ids are UUIDs: nothing in them for URL resolution to change.
  return chatUrlBase.base + id;
}

export function toPublicChat(services: ApiServices, chat: ChatRow): PublicChat {
  return {
    id: chat.id,
    userId: chat.user_id,
    title: chat.title,
    assistantId: chat.assistant_id,
    source: chat.source as PublicChat['source'],
    createdAt: chat.created_at,
    updatedAt: chat.updated_at,
    url: chatUrl(services.env.APP_URL, chat.id),
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
  /** The first message sent in it (issue 16), with its reply. */
  firstMessage?: { id: string; replyId: string } | null;
}

/** The first message's id for a chat: the same for every repeat, so it is sent once. */
function firstMessageId(chatId: string): string {
  const hex = createHash('sha256').update(`zatten:first-message:${chatId}`).digest('hex');
  // A UUID (version 8: custom) from the hash.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Creates the chat, then, when asked, sends its first message as the user (the same procedure
 * the app calls, so the same checks, limits and run). The message's id derives from the chat's,
 * so a retry or an idempotent replay never sends it twice.
 */
export async function createChatWithMessage(
  services: ApiServices,
  apiKey: ApiKeySummary,
  meter: ApiKeyMeter,
  input: ServiceCreateChatInput,
  idempotencyKey?: string,
): Promise<CreateChatResult> {
  const created = await createChatForUser(services, apiKey, meter, input, idempotencyKey);
  if (!input.message) return { ...created, firstMessage: null };
  const caller = createCaller(
    createInnerContext({
      services,
      actor: { kind: 'user', userId: created.chat.userId, via: 'clerk', profile: null, role: null },
    }),
  );
  const pair = await caller.message.send({
    chatId: created.chat.id,
    content: input.message.content,
    clientMessageId: firstMessageId(created.chat.id),
    ...(input.message.attachmentIds ? { attachmentIds: input.message.attachmentIds } : {}),
  });
  return {
    ...created,
    firstMessage: { id: pair.userMessage.id, replyId: pair.assistantMessage.id },
  };
}

/**
 * `service.createChat` for the REST adapter, without a tRPC caller: the checks of
 * `serviceProcedure('chats:create', { chargedInProcedure: true })` and its input parse, in their
 * order: the scope (403), then the input (400, its point still taken, and a key over its limit
 * hears 429 instead), then the create. The body is parsed once, by the same schema the procedure
 * declares; the result is built here from the database's row, so it is not validated again.
 */
export async function createChatForApiKey(
  services: ApiServices,
  apiKey: ApiKeySummary,
  body: unknown,
  idempotencyKey?: string,
): Promise<CreateChatResult> {
  requireScope(apiKey, 'chats:create');
  const meter = apiKeyMeter(services.rateLimits.apiKey, apiKey.id);
  try {
    const input = serviceCreateChatInput.safeParse(body);
    // As tRPC's input parser refuses it: BAD_REQUEST with the ZodError as the cause.
    if (!input.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: input.error });
    return await createChatWithMessage(services, apiKey, meter, input.data, idempotencyKey);
  } finally {
    // The call's point, whatever its outcome, unless the create took it with its statement.
    if (!meter.charged) await meter.charge();
  }
}

/** A chat made through the API: its title is the caller's, and its source says so. */
function apiChatFields(input: ServiceCreateChatInput) {
  return {
    title: input.title,
    assistantId: input.assistantId,
    source: 'api',
    titleSource: 'api',
  } as const;
}

/**
 * The usual create (a user by id, no idempotency key) is one round trip: the API key's point,
 * the checks and the insert in one implicit transaction. Everything else, and a create that
 * finds its user or assistant missing (for the precise refusal), takes the step-by-step path.
 */
export async function createChatForUser(
  services: ApiServices,
  apiKey: ApiKeySummary,
  meter: ApiKeyMeter,
  input: ServiceCreateChatInput,
  idempotencyKey?: string,
): Promise<CreateChatResult> {
  const terms = input.userId && !idempotencyKey ? meter.terms() : null;
  if (input.userId && terms) {
    let metered: MeteredCreate;
    try {
      metered = await createChatMetered(
        services.database,
        { userId: input.userId, ...apiChatFields(input) },
        terms,
      );
    } catch (error) {
      // The statement's rollback took the point back with it: it is taken as the limiter takes
      // it, and a key over its limit hears that first, as it did when the point came first.
      try {
        await meter.charge();
      } catch (refused) {
        if (refused instanceof DomainError) throw refused;
      }
      throw error;
    }
    meter.settle(metered);
    if (metered.chat) return { chat: toPublicChat(services, metered.chat), replayed: false };
  }
  await meter.charge();
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
    const fields = apiChatFields(input);
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
