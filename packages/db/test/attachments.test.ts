// Attachments in the database: limits enforced by the triggers whoever writes, RLS (a person
// reads only their own rows), the deletion queue fed by cascades, and the Supabase Storage policy
// applied on Postgres against a minimal stand-in of Supabase's `storage` schema.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../src/client';
import { migrate } from '../src/migrate';
import {
  attachToMessage,
  createPendingAttachment,
  getAttachments,
  markUploaded,
  purgeUnsentAttachments,
  queuedStorageDeletions,
  setAttachmentLimits,
  storageUsed,
} from '../src/queries/attachments';
import { createChat, deleteChat } from '../src/queries/chats';
import { appendMessage } from '../src/queries/messages';
import { withService, withUser } from '../src/scope';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();

async function chatWithQuestion(userId: string) {
  return withUser(ctx.database, userId, async (tx) => {
    const chat = await createChat(tx, {
      userId,
      title: 'files',
      source: 'app',
      titleSource: 'user',
    });
    const message = await appendMessage(tx, {
      chatId: chat.id,
      userId,
      role: 'user',
      content: 'look at this',
      status: 'complete',
    });
    return { chatId: chat.id, messageId: message.id };
  });
}

async function uploaded(userId: string, sizeBytes = 10, name = 'a.png') {
  const id = randomUUID();
  return withService(ctx.database, async (tx) => {
    await createPendingAttachment(tx, {
      id,
      userId,
      name,
      sizeBytes,
      storageKey: `${userId}/${id}`,
    });
    return markUploaded(tx, id, { sizeBytes, mimeType: 'image/png' });
  });
}

beforeAll(async () => {
  await seedUser(ctx.database, 'files_a');
  await seedUser(ctx.database, 'files_b');
  await seedUser(ctx.database, 'files_q');
  await withService(ctx.database, (tx) =>
    setAttachmentLimits(tx, { maxFileBytes: 1000, maxFilesPerMessage: 2, quotaBytesPerUser: 2500 }),
  );
});

describe('attachment limits in the database', () => {
  it('refuses a file over the size limit', async () => {
    await expect(uploaded('files_a', 1001)).rejects.toMatchObject({
      reason: 'attachment_too_large',
    });
  });

  it('refuses more files on a message than allowed', async () => {
    const { chatId, messageId } = await chatWithQuestion('files_a');
    const files = [await uploaded('files_a'), await uploaded('files_a'), await uploaded('files_a')];
    await expect(
      withService(ctx.database, (tx) =>
        attachToMessage(tx, {
          userId: 'files_a',
          chatId,
          messageId,
          attachmentIds: files.map((f) => f.id),
        }),
      ),
    ).rejects.toMatchObject({ reason: 'too_many_attachments' });
  });

  it('refuses what goes over the per-person quota, counting shared objects once', async () => {
    const first = await uploaded('files_q', 1000);
    await uploaded('files_q', 1000);
    // An edit copies a question's file: the same object, so the quota does not grow.
    const { chatId, messageId } = await chatWithQuestion('files_q');
    await withService(ctx.database, (tx) =>
      attachToMessage(tx, { userId: 'files_q', chatId, messageId, attachmentIds: [first.id] }),
    );
    const edit = await chatWithQuestion('files_q');
    await withService(ctx.database, (tx) =>
      attachToMessage(tx, {
        userId: 'files_q',
        chatId: edit.chatId,
        messageId: edit.messageId,
        attachmentIds: [first.id],
      }),
    );
    expect(await withService(ctx.database, (tx) => storageUsed(tx, 'files_q'))).toBe(2000);
    await expect(uploaded('files_q', 600)).rejects.toMatchObject({
      reason: 'storage_quota_exceeded',
    });
  });

  it("refuses an attachment on someone else's message", async () => {
    const { chatId, messageId } = await chatWithQuestion('files_b');
    const mine = await uploaded('files_a');
    await expect(
      withService(ctx.database, (tx) =>
        attachToMessage(tx, { userId: 'files_a', chatId, messageId, attachmentIds: [mine.id] }),
      ),
    ).rejects.toMatchObject({ reason: 'attachment_not_found' });
  });
});

describe('attachments and RLS', () => {
  it('lets a person read only their own rows, and write none', async () => {
    const mine = await uploaded('files_b');
    const seenByA = await withUser(ctx.database, 'files_a', (tx) => getAttachments(tx, [mine.id]));
    expect(seenByA).toEqual([]);
    const seenByB = await withUser(ctx.database, 'files_b', (tx) => getAttachments(tx, [mine.id]));
    expect(seenByB.map((a) => a.id)).toEqual([mine.id]);
    await expect(
      withUser(ctx.database, 'files_b', (tx) =>
        tx.updateTable('attachments').set({ size_bytes: 1 }).where('id', '=', mine.id).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('the storage deletion queue', () => {
  it("queues a chat's objects when the chat is deleted, and unsent ones when purged", async () => {
    const { chatId, messageId } = await chatWithQuestion('files_b');
    const sent = await uploaded('files_b');
    await withService(ctx.database, (tx) =>
      attachToMessage(tx, { userId: 'files_b', chatId, messageId, attachmentIds: [sent.id] }),
    );
    const unsent = await uploaded('files_b');
    await withUser(ctx.database, 'files_b', (tx) => deleteChat(tx, chatId));
    let queued = await withService(ctx.database, (tx) => queuedStorageDeletions(tx));
    expect(queued).toContain(sent.storageKey);
    expect(queued).not.toContain(unsent.storageKey);
    await withService(ctx.database, (tx) => purgeUnsentAttachments(tx, 0));
    queued = await withService(ctx.database, (tx) => queuedStorageDeletions(tx));
    expect(queued).toContain(unsent.storageKey);
  });
});

// The parts of Supabase's `storage` schema the migration touches (supabase/storage's own
// migrations): buckets, objects with RLS on, and storage.foldername().
const STORAGE_STAND_IN = `
  create schema storage;
  grant usage on schema storage to anon, authenticated, service_role;
  create table storage.buckets (
    id text primary key, name text not null, public boolean default false,
    file_size_limit bigint, allowed_mime_types text[]
  );
  create table storage.objects (
    id uuid primary key default gen_random_uuid(),
    bucket_id text references storage.buckets (id),
    name text not null,
    owner_id text,
    metadata jsonb
  );
  alter table storage.objects enable row level security;
  grant all on storage.objects, storage.buckets to anon, authenticated, service_role;
  create function storage.foldername(name text) returns text[]
  language plpgsql immutable as $$
  declare _parts text[];
  begin
    select string_to_array(name, '/') into _parts;
    return _parts[1:array_length(_parts, 1) - 1];
  end $$;
  grant execute on function storage.foldername(text) to anon, authenticated, service_role;
`;

describe('the Supabase Storage bucket and policy', () => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await createTestDatabase(inject('testServer'), { migrated: false });
    database = createDatabase(test.url);
    await sql.raw(STORAGE_STAND_IN).execute(database.db);
    await migrate(test.url);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('creates a private bucket', async () => {
    const { rows } = await sql<{
      public: boolean;
    }>`select public from storage.buckets where id = 'attachments'`.execute(database.db);
    expect(rows).toEqual([{ public: false }]);
  });

  it('lets a person read only the objects under their own id', async () => {
    await sql`insert into storage.objects (bucket_id, name) values
      ('attachments', 'user_one/1'), ('attachments', 'user_two/2'),
      ('attachments', 'user_onex/3')`.execute(database.db);
    const visible = async (userId: string) =>
      withUser(database, userId, async (tx) => {
        const { rows } = await sql<{
          name: string;
        }>`select name from storage.objects order by name`.execute(tx);
        return rows.map((row) => row.name);
      });
    expect(await visible('user_one')).toEqual(['user_one/1']);
    expect(await visible('user_two')).toEqual(['user_two/2']);
    await expect(
      withUser(database, 'user_one', (tx) =>
        sql`delete from storage.objects where name = 'user_two/2'`.execute(tx),
      ).then((result) => Number(result.numAffectedRows ?? 0)),
    ).resolves.toBe(0);
  });
});
