// Attachments: files people send with a question (migration 20261130000500). Rows are written on
// the service path after the app checked ownership; the database checks the limits again
// (check_attachment_limits) and refuses with a hint this module turns into domain errors.
import { sql } from 'kysely';
import { DataError, forbidden, invalidInput, notFound } from '../errors';
import type { Executor } from '../scope';

export const ATTACHMENT_STATUSES = ['pending', 'uploaded', 'attached'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export interface Attachment {
  id: string;
  userId: string;
  chatId: string | null;
  messageId: string | null;
  name: string;
  mimeType: string | null;
  sizeBytes: number;
  storageKey: string;
  status: AttachmentStatus;
  createdAt: string;
}

export interface AttachmentLimits {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  quotaBytesPerUser: number;
}

const COLUMNS = [
  'id',
  'user_id',
  'chat_id',
  'message_id',
  'name',
  'mime_type',
  'size_bytes',
  'storage_key',
  'status',
  'created_at',
] as const;

type Row = {
  id: string;
  user_id: string;
  chat_id: string | null;
  message_id: string | null;
  name: string;
  mime_type: string | null;
  size_bytes: number | string;
  storage_key: string;
  status: string;
  created_at: string | Date;
};

function toAttachment(row: Row): Attachment {
  return {
    id: row.id,
    userId: row.user_id,
    chatId: row.chat_id,
    messageId: row.message_id,
    name: row.name,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    storageKey: row.storage_key,
    status: row.status as AttachmentStatus,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const REFUSALS: Record<string, (message: string) => DataError> = {
  attachment_too_large: (message) => invalidInput('attachment_too_large', message),
  storage_quota_exceeded: (message) => forbidden('storage_quota_exceeded', message),
  too_many_attachments: (message) => invalidInput('too_many_attachments', message),
  attachment_message_mismatch: (message) => invalidInput('attachment_not_found', message),
};

/** The domain error for a refusal of the attachment triggers, or `error` itself. */
export function attachmentRefusal(error: unknown): unknown {
  const { hint, message } = (error ?? {}) as { hint?: unknown; message?: unknown };
  if (typeof hint !== 'string') return error;
  const make = REFUSALS[hint];
  if (!make) return error;
  const refusal = make(typeof message === 'string' ? message : hint);
  return new DataError(refusal.kind, refusal.reason, refusal.message, { cause: error });
}

async function refusing<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw attachmentRefusal(error);
  }
}

export async function getAttachmentLimits(tx: Executor): Promise<AttachmentLimits> {
  const row = await tx
    .selectFrom('attachment_limits')
    .select(['max_file_bytes', 'max_files_per_message', 'quota_bytes_per_user'])
    .executeTakeFirstOrThrow();
  return {
    maxFileBytes: Number(row.max_file_bytes),
    maxFilesPerMessage: Number(row.max_files_per_message),
    quotaBytesPerUser: Number(row.quota_bytes_per_user),
  };
}

/** Writes the configured limits where the database's checks read them (service path). */
export async function setAttachmentLimits(tx: Executor, limits: AttachmentLimits): Promise<void> {
  await tx
    .updateTable('attachment_limits')
    .set({
      max_file_bytes: limits.maxFileBytes,
      max_files_per_message: limits.maxFilesPerMessage,
      quota_bytes_per_user: limits.quotaBytesPerUser,
      updated_at: sql<string>`now()`,
    })
    .where('id', '=', true)
    .execute();
}

/** Bytes a person's stored objects take (a question's edit shares its files: counted once). */
export async function storageUsed(tx: Executor, userId: string): Promise<number> {
  const { rows } = await sql<{ used: string }>`
    select coalesce(sum(size_bytes), 0)::text as used from (
      select distinct on (storage_key) size_bytes from public.attachments
      where user_id = ${userId}
    ) objects`.execute(tx);
  return Number(rows[0]?.used ?? 0);
}

export async function createPendingAttachment(
  tx: Executor,
  input: { id: string; userId: string; name: string; sizeBytes: number; storageKey: string },
): Promise<Attachment> {
  const row = await refusing(
    tx
      .insertInto('attachments')
      .values({
        id: input.id,
        user_id: input.userId,
        name: input.name,
        size_bytes: input.sizeBytes,
        storage_key: input.storageKey,
        status: 'pending',
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow(),
  );
  return toAttachment(row);
}

export async function getAttachments(tx: Executor, ids: readonly string[]): Promise<Attachment[]> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('attachments').select(COLUMNS).where('id', 'in', ids).execute();
  return rows.map(toAttachment);
}

/** The person's own attachment, or not_found (another person's is not found either). */
export async function requireOwnAttachment(
  tx: Executor,
  userId: string,
  id: string,
): Promise<Attachment> {
  const row = await tx
    .selectFrom('attachments')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw notFound('attachment_not_found', 'No attachment with that id.');
  return toAttachment(row);
}

/** Records what the server read from the stored object: its real size and detected type. */
export async function markUploaded(
  tx: Executor,
  id: string,
  input: { sizeBytes: number; mimeType: string },
): Promise<Attachment> {
  const row = await refusing(
    tx
      .updateTable('attachments')
      .set({ size_bytes: input.sizeBytes, mime_type: input.mimeType, status: 'uploaded' })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning(COLUMNS)
      .executeTakeFirst(),
  );
  if (!row) throw invalidInput('attachment_not_pending', 'This upload was already confirmed.');
  return toAttachment(row);
}

/**
 * Puts uploaded attachments on a question. Each must be the person's own, uploaded and unsent;
 * one already on another question is copied (an edit keeps its question's files).
 */
export async function attachToMessage(
  tx: Executor,
  input: { userId: string; chatId: string; messageId: string; attachmentIds: readonly string[] },
): Promise<Attachment[]> {
  const found = await getAttachments(tx, input.attachmentIds);
  const byId = new Map(found.map((a) => [a.id, a]));
  const result: Attachment[] = [];
  for (const id of input.attachmentIds) {
    const attachment = byId.get(id);
    if (!attachment || attachment.userId !== input.userId || attachment.status === 'pending') {
      throw invalidInput(
        'attachment_not_found',
        'An attachment is missing, not uploaded yet, or not yours.',
      );
    }
    if (attachment.status === 'uploaded') {
      const row = await refusing(
        tx
          .updateTable('attachments')
          .set({ status: 'attached', chat_id: input.chatId, message_id: input.messageId })
          .where('id', '=', id)
          .returning(COLUMNS)
          .executeTakeFirstOrThrow(),
      );
      result.push(toAttachment(row));
    } else {
      const row = await refusing(
        tx
          .insertInto('attachments')
          .values({
            user_id: input.userId,
            chat_id: input.chatId,
            message_id: input.messageId,
            name: attachment.name,
            mime_type: attachment.mimeType,
            size_bytes: attachment.sizeBytes,
            storage_key: attachment.storageKey,
            status: 'attached',
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow(),
      );
      result.push(toAttachment(row));
    }
  }
  return result;
}

/** The attachments of these messages, in upload order. */
export async function attachmentsOfMessages(
  tx: Executor,
  messageIds: readonly string[],
): Promise<Attachment[]> {
  if (messageIds.length === 0) return [];
  const rows = await tx
    .selectFrom('attachments')
    .select(COLUMNS)
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

/** The files sent in a chat (every branch), in upload order. */
export async function attachmentsOfChat(tx: Executor, chatId: string): Promise<Attachment[]> {
  const rows = await tx
    .selectFrom('attachments')
    .select(COLUMNS)
    .where('chat_id', '=', chatId)
    .where('status', '=', 'attached')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

/** Deletes a person's unsent attachment (its object is queued for deletion by the trigger). */
export async function deleteUnsentAttachment(
  tx: Executor,
  userId: string,
  id: string,
): Promise<void> {
  const deleted = await tx
    .deleteFrom('attachments')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('status', '<>', 'attached')
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0)
    throw notFound('attachment_not_found', 'No unsent attachment with that id.');
}

/** Unsent attachments older than `olderThanMs` are deleted (their objects queued). */
export async function purgeUnsentAttachments(tx: Executor, olderThanMs: number): Promise<number> {
  const deleted = await tx
    .deleteFrom('attachments')
    .where('status', '<>', 'attached')
    .where('created_at', '<', sql<string>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** Objects whose last row is gone, oldest first. */
export async function queuedStorageDeletions(tx: Executor, limit = 500): Promise<string[]> {
  const rows = await tx
    .selectFrom('storage_deletions')
    .select('storage_key')
    .orderBy('queued_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.storage_key);
}

/** Forgets queued objects once storage deleted them. */
export async function clearStorageDeletions(tx: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.deleteFrom('storage_deletions').where('storage_key', 'in', keys).execute();
}
