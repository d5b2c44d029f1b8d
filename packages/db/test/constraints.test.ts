// The schema refuses bad data with errors that say what is wrong.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChat, deleteChat } from '../src/queries/chats';
import { appendMessage, getActiveRun, updateMessage } from '../src/queries/messages';
import { upsertUser } from '../src/queries/users';
import { withService } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();
let chatId: string;
// Replies answer a question (the tree's shape): the replies below answer this one.
let questionId: string;

beforeAll(async () => {
  await seedUser(ctx.database, 'owner', 'Owner@Example.com');
  const chat = await withService(ctx.database, (tx) =>
    createChat(tx, { userId: 'owner', title: 'Chat', source: 'app', titleSource: 'user' }),
  );
  chatId = chat.id;
  const question = await withService(ctx.database, (tx) =>
    appendMessage(tx, { chatId, userId: 'owner', role: 'user', content: 'Q', status: 'complete' }),
  );
  questionId = question.id;
});

const service = <T>(fn: Parameters<typeof withService<T>>[1]) => withService(ctx.database, fn);

describe('constraints', () => {
  it('treats emails as unique whatever their case', async () => {
    await expect(
      service((tx) =>
        upsertUser(tx, { id: 'other', email: 'owner@EXAMPLE.com', name: null, imageUrl: null }),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', reason: 'email_taken' });
  });

  it('rejects empty, over-long and multi-line titles', async () => {
    for (const title of ['', '   ', 'x'.repeat(201), 'two\nlines']) {
      await expect(
        service((tx) =>
          createChat(tx, { userId: 'owner', title, source: 'app', titleSource: 'user' }),
        ),
      ).rejects.toThrow(/violates check constraint "chats_title_check"/);
    }
  });

  it('rejects a chat for a user who does not exist', async () => {
    await expect(
      service((tx) =>
        createChat(tx, { userId: 'ghost', title: 'x', source: 'app', titleSource: 'user' }),
      ),
    ).rejects.toThrow(/violates foreign key constraint "chats_user_id_fkey"/);
  });

  it('rejects an empty user message and unknown statuses or roles', async () => {
    await expect(
      service((tx) =>
        appendMessage(tx, {
          chatId,
          userId: 'owner',
          role: 'user',
          content: '  ',
          status: 'complete',
          parentId: null,
        }),
      ),
    ).rejects.toThrow(/messages_user_content/);
    await expect(
      service((tx) =>
        tx
          .insertInto('messages')
          .values({
            chat_id: chatId,
            user_id: 'owner',
            role: 'assistant',
            status: 'done',
            parent_id: questionId,
          })
          .execute(),
      ),
    ).rejects.toThrow(/messages_status_check/);
    await expect(
      service((tx) =>
        tx
          .insertInto('messages')
          .values({ chat_id: chatId, user_id: 'owner', role: 'system', content: 'x' })
          .execute(),
      ),
    ).rejects.toThrow(/messages_role_check/);
  });

  it('requires a failed reply to say why', async () => {
    const reply = await service((tx) =>
      appendMessage(tx, {
        chatId,
        userId: 'owner',
        role: 'assistant',
        content: '',
        status: 'streaming',
        parentId: questionId,
      }),
    );
    await expect(
      service((tx) => updateMessage(tx, reply.id, { status: 'failed' })),
    ).rejects.toThrow(/messages_failed_has_code/);
    await service((tx) =>
      updateMessage(tx, reply.id, { status: 'failed', error_code: 'upstream_error' }),
    );
  });

  it('allows one reply in flight per chat', async () => {
    const first = await service((tx) =>
      appendMessage(tx, {
        chatId,
        userId: 'owner',
        role: 'assistant',
        content: '',
        status: 'streaming',
        parentId: questionId,
      }),
    );
    await expect(
      service((tx) =>
        appendMessage(tx, {
          chatId,
          userId: 'owner',
          role: 'assistant',
          content: '',
          status: 'pending',
          parentId: questionId,
        }),
      ),
    ).rejects.toMatchObject({ kind: 'conflict', reason: 'run_active' });
    expect((await service((tx) => getActiveRun(tx, chatId)))?.id).toBe(first.id);
    await service((tx) => updateMessage(tx, first.id, { status: 'complete', content: 'done' }));
  });

  it('deletes a chat with its messages', async () => {
    const chat = await service((tx) =>
      createChat(tx, { userId: 'owner', title: 'Doomed', source: 'app', titleSource: 'user' }),
    );
    await service((tx) =>
      appendMessage(tx, {
        chatId: chat.id,
        userId: 'owner',
        role: 'user',
        content: 'hi',
        status: 'complete',
      }),
    );
    await service((tx) => deleteChat(tx, chat.id));
    const left = await service((tx) =>
      sql<{
        n: number;
      }>`select count(*)::int as n from messages where chat_id = ${chat.id}`.execute(tx),
    );
    expect(left.rows[0]?.n).toBe(0);
  });

  it('refuses an unknown assistant and deleting an assistant that chats use', async () => {
    await expect(
      service((tx) =>
        createChat(tx, {
          userId: 'owner',
          title: 'x',
          source: 'app',
          titleSource: 'user',
          assistantId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({ kind: 'not_found', reason: 'assistant_not_found' });
    await expect(service((tx) => tx.deleteFrom('assistants').execute())).rejects.toThrow(
      /chats_assistant_id_fkey/,
    );
  });
});
