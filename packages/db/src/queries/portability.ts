// Export and import of a person's chats (issue 17). Export reads under the person's RLS: one chat
// with every branch, or everything (profile, instructions, chats, feedback, links). Import writes
// on the service path (a person may not write assistant replies through the Data API), with the
// owner named explicitly, each chat once per source key (chat_imports): importing the same file
// twice creates nothing new. Format parsing lives in @zatten/api (portability/); this file only
// stores the normalized trees it is given.
import { notFound } from '../errors';
import type { Executor, Tx } from '../scope';
import { resolveAssistant } from './assistants';

export interface ExportedMessage {
  id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  status: string;
  error_code: string | null;
  model: string | null;
  assistant_name: string | null;
  created_at: string;
  completed_at: string | null;
  /** The files sent with this message: metadata only (no bytes, no storage keys). */
  attachments: ExportedAttachment[];
}

export interface ExportedAttachment {
  id: string;
  name: string;
  mime_type: string | null;
  size_bytes: number;
  created_at: string;
}

export interface ExportedChat {
  id: string;
  title: string;
  assistant_name: string | null;
  active_leaf_id: string | null;
  created_at: string;
  updated_at: string;
  /** Every message of every branch, parents before children (by time). */
  messages: ExportedMessage[];
}

async function chatsWithMessages(tx: Executor, chatIds: string[] | 'all'): Promise<ExportedChat[]> {
  let chatQuery = tx
    .selectFrom('chats as c')
    .leftJoin('assistants as a', 'a.id', 'c.assistant_id')
    .select([
      'c.id',
      'c.title',
      'a.name as assistant_name',
      'c.active_leaf_id',
      'c.created_at',
      'c.updated_at',
    ])
    .orderBy('c.created_at')
    .orderBy('c.id');
  if (chatIds !== 'all') chatQuery = chatQuery.where('c.id', 'in', chatIds);
  const chats = await chatQuery.execute();
  if (chats.length === 0) return [];
  const messages = await tx
    .selectFrom('messages as m')
    .leftJoin('assistants as a', 'a.id', 'm.assistant_id')
    .select([
      'm.id',
      'm.chat_id',
      'm.parent_id',
      'm.role',
      'm.content',
      'm.status',
      'm.error_code',
      'm.model',
      'a.name as assistant_name',
      'm.created_at',
      'm.completed_at',
    ])
    .where(
      'm.chat_id',
      'in',
      chats.map((c) => c.id),
    )
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const files = messages.length
    ? await tx
        .selectFrom('attachments')
        .select(['id', 'message_id', 'name', 'mime_type', 'size_bytes', 'created_at'])
        .where(
          'chat_id',
          'in',
          chats.map((c) => c.id),
        )
        .where('status', '=', 'attached')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const byMessage = new Map<string, ExportedAttachment[]>();
  for (const { message_id, ...file } of files) {
    if (!message_id) continue;
    const list = byMessage.get(message_id) ?? [];
    list.push({ ...file, size_bytes: Number(file.size_bytes) });
    byMessage.set(message_id, list);
  }
  const byChat = new Map<string, ExportedMessage[]>();
  for (const { chat_id, ...message } of messages) {
    const list = byChat.get(chat_id) ?? [];
    list.push({
      ...message,
      role: message.role as 'user' | 'assistant',
      attachments: byMessage.get(message.id) ?? [],
    });
    byChat.set(chat_id, list);
  }
  return chats.map((chat) => ({ ...chat, messages: byChat.get(chat.id) ?? [] }));
}

/** One chat of the caller's with every branch (under their RLS). */
export async function exportChat(tx: Executor, chatId: string): Promise<ExportedChat> {
  const [chat] = await chatsWithMessages(tx, [chatId]);
  if (!chat) throw notFound('chat_not_found', 'No such chat.');
  return chat;
}

export interface ExportedData {
  profile: { id: string; email: string; name: string | null; created_at: string } | null;
  personal_instructions: { about_me: string; how_to_answer: string; enabled: boolean } | null;
  chats: ExportedChat[];
  feedback: Array<{ message_id: string; rating: 'up' | 'down'; updated_at: string }>;
  shared_links: Array<{ id: string; chat_id: string; title: string; created_at: string }>;
}

/** Everything the caller has (under their RLS). */
export async function exportEverything(tx: Executor, userId: string): Promise<ExportedData> {
  const profile =
    (await tx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'created_at'])
      .where('id', '=', userId)
      .executeTakeFirst()) ?? null;
  const personal =
    (await tx
      .selectFrom('personal_instructions')
      .select(['about_me', 'how_to_answer', 'enabled'])
      .where('user_id', '=', userId)
      .executeTakeFirst()) ?? null;
  const feedback = await tx
    .selectFrom('message_feedback')
    .select(['message_id', 'rating', 'updated_at'])
    .where('user_id', '=', userId)
    .orderBy('updated_at')
    .execute();
  const links = await tx
    .selectFrom('shared_chats')
    .select(['id', 'chat_id', 'title', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return {
    profile,
    personal_instructions: personal,
    chats: await chatsWithMessages(tx, 'all'),
    feedback: feedback.map((f) => ({
      message_id: f.message_id,
      rating: f.rating > 0 ? 'up' : 'down',
      updated_at: f.updated_at,
    })),
    shared_links: links,
  };
}

/** A chat to import, already normalized to this app's tree shape. */
export interface ImportChat {
  /** Unique per person and source item, e.g. `chatgpt:<conversation id>`. */
  sourceKey: string;
  title: string;
  createdAt: string | null;
  messages: Array<{
    key: string;
    parentKey: string | null;
    role: 'user' | 'assistant';
    content: string;
    status: 'complete' | 'cancelled' | 'failed';
    errorCode: string | null;
    createdAt: string | null;
  }>;
  /** The message whose branch is on screen (a tip). */
  activeKey: string | null;
  /** Files named in the source whose bytes cannot be restored (counted, not stored). */
  attachmentsSkipped?: number;
}

/**
 * Stores the chats not imported before (by source key) for `userId`, on the service path.
 * Messages must come parents first. Returns how many chats were imported and skipped.
 */
export async function importChats(
  tx: Tx,
  userId: string,
  chats: ImportChat[],
): Promise<{ imported: number; skipped: number; attachmentsSkipped: number; chatIds: string[] }> {
  let imported = 0;
  let skipped = 0;
  let attachmentsSkipped = 0;
  const chatIds: string[] = [];
  const assistant = chats.length ? await resolveAssistant(tx, undefined) : null;
  for (const chat of chats) {
    // Claims the key first: a second import (or a concurrent one) finds it and skips the chat.
    const claimed = await tx
      .insertInto('chat_imports')
      .values({ user_id: userId, source_key: chat.sourceKey })
      .onConflict((oc) => oc.columns(['user_id', 'source_key']).doNothing())
      .returning('source_key')
      .executeTakeFirst();
    if (!claimed || !assistant) {
      skipped += 1;
      continue;
    }
    const created = chat.createdAt ?? new Date().toISOString();
    const row = await tx
      .insertInto('chats')
      .values({
        user_id: userId,
        assistant_id: assistant.id,
        title: chat.title,
        title_source: 'user',
        created_at: created,
        last_activity_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = new Map<string, string>();
    // Versions of a message are ordered by created_at: times that are missing or equal (exports
    // often give every message the same second) would leave the order to the random ids. Each
    // message gets at least a millisecond after the one before it, in the file's order.
    let clock = 0;
    for (const message of chat.messages) {
      const parentId = message.parentKey ? (ids.get(message.parentKey) ?? null) : null;
      clock = Math.max(Date.parse(message.createdAt ?? created), clock + 1);
      const at = new Date(clock).toISOString();
      const inserted = await tx
        .insertInto('messages')
        .values({
          chat_id: row.id,
          user_id: userId,
          role: message.role,
          content: message.content,
          status: message.status,
          error_code: message.errorCode,
          parent_id: parentId,
          created_at: at,
          ...(message.createdAt ? { completed_at: at } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(message.key, inserted.id);
    }
    const active = chat.activeKey ? ids.get(chat.activeKey) : undefined;
    if (active) {
      await tx
        .updateTable('chats')
        .set({ active_leaf_id: active })
        .where('id', '=', row.id)
        .execute();
    }
    await tx
      .updateTable('chat_imports')
      .set({ chat_id: row.id })
      .where('user_id', '=', userId)
      .where('source_key', '=', chat.sourceKey)
      .execute();
    chatIds.push(row.id);
    imported += 1;
    attachmentsSkipped += chat.attachmentsSkipped ?? 0;
  }
  return { imported, skipped, attachmentsSkipped, chatIds };
}
