// Share links: a snapshot of a chat's active branch, copied when it is shared, so later edits,
// regenerates and deletions of messages never change what the link shows. The snapshot is written
// on the service path only (the Data API may not write it) after the branch was read under the
// owner's RLS; revoking deletes it, so the link is a 404 from then on. No author email or name is
// copied, only the title, the messages' roles, text and times, and which assistant wrote a reply.
import { sql } from 'kysely';
import { notFound } from '../errors';
import { asService, type Executor, type Tx } from '../scope';
import { branchPath } from './message-tree';
import { branchTip } from './messages';

export interface SharedChatSummary {
  id: string;
  chatId: string;
  title: string;
  messageCount: number;
  createdAt: string;
}

export interface SharedMessage {
  role: 'user' | 'assistant';
  content: string;
  assistantName: string | null;
  createdAt: string;
}

export interface SharedChat {
  id: string;
  title: string;
  createdAt: string;
  messages: SharedMessage[];
}

/**
 * Copies the active branch of `chatId` (read as the caller, so only their own chat) into a new
 * snapshot under `shareId`. Replies still being written, failed ones and empty ones are left out.
 */
export async function createShare(
  tx: Tx,
  input: { userId: string; chatId: string; shareId: string },
): Promise<SharedChatSummary> {
  const chat = await tx
    .selectFrom('chats')
    .select(['id', 'title'])
    .where('id', '=', input.chatId)
    .executeTakeFirst();
  if (!chat) throw notFound('chat_not_found', 'No such chat.');
  const leaf = await branchTip(tx, input.chatId);
  const branch = leaf ? await branchPath(tx, input.chatId, leaf) : [];
  const kept = branch.filter(
    (m) =>
      m.content.trim() !== '' &&
      (m.role === 'user' || m.status === 'complete' || m.status === 'cancelled'),
  );
  if (kept.length === 0) throw notFound('nothing_to_share', 'This chat has no messages to share.');
  const assistantIds = [...new Set(kept.map((m) => m.assistant_id).filter((id) => id !== null))];
  const names = new Map(
    assistantIds.length
      ? (
          await tx
            .selectFrom('assistants')
            .select(['id', 'name'])
            .where('id', 'in', assistantIds)
            .execute()
        ).map((a) => [a.id, a.name])
      : [],
  );
  return asService(tx, async (service) => {
    const row = await service
      .insertInto('shared_chats')
      .values({
        id: input.shareId,
        user_id: input.userId,
        chat_id: chat.id,
        title: chat.title,
        message_count: kept.length,
      })
      .returning(['id', 'chat_id', 'title', 'message_count', 'created_at'])
      .executeTakeFirstOrThrow();
    await service
      .insertInto('shared_messages')
      .values(
        kept.map((m, position) => ({
          share_id: input.shareId,
          position,
          role: m.role,
          content: m.content,
          assistant_name:
            m.role === 'assistant' && m.assistant_id ? (names.get(m.assistant_id) ?? null) : null,
          created_at: m.created_at,
        })),
      )
      .execute();
    return summary(row);
  });
}

function summary(row: {
  id: string;
  chat_id: string;
  title: string;
  message_count: number;
  created_at: string;
}): SharedChatSummary {
  return {
    id: row.id,
    chatId: row.chat_id,
    title: row.title,
    messageCount: row.message_count,
    createdAt: row.created_at,
  };
}

/** The caller's links, newest first (under their RLS). */
export async function listShares(tx: Executor): Promise<SharedChatSummary[]> {
  const rows = await tx
    .selectFrom('shared_chats')
    .select(['id', 'chat_id', 'title', 'message_count', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(summary);
}

/** Deletes the caller's snapshot `shareId`; someone else's or an unknown id is not found. */
export async function revokeShare(
  tx: Tx,
  input: { userId: string; shareId: string },
): Promise<void> {
  const deleted = await asService(tx, (service) =>
    service
      .deleteFrom('shared_chats')
      .where('id', '=', input.shareId)
      .where('user_id', '=', input.userId)
      .executeTakeFirst(),
  );
  if (deleted.numDeletedRows === 0n) throw notFound('share_not_found', 'No such link.');
}

/** A snapshot as the public page shows it (service path), or undefined once revoked. */
export async function readShare(tx: Executor, shareId: string): Promise<SharedChat | undefined> {
  const chat = await tx
    .selectFrom('shared_chats')
    .select(['id', 'title', 'created_at'])
    .where('id', '=', shareId)
    .executeTakeFirst();
  if (!chat) return undefined;
  const { rows } = await sql<SharedMessage>`
    select role, content, assistant_name as "assistantName", created_at as "createdAt"
    from public.shared_messages where share_id = ${shareId} order by position`.execute(tx);
  return { id: chat.id, title: chat.title, createdAt: chat.created_at, messages: rows };
}
