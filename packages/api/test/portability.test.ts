// Issue 17: export and import on real Postgres, with files the test builds in ChatGPT's export
// format (a multi-branch conversation: an edited question and a regenerated reply) and this app's
// own archive format.
import { withService } from '@zatten/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorShape, seedUser, useApi, userActor } from './helpers';

const api = useApi();
const eva = userActor('user_port_eva');
const max = userActor('user_port_max');

beforeAll(async () => {
  await seedUser(api.database, 'user_port_eva');
  await seedUser(api.database, 'user_port_max');
});

type Node = {
  id: string;
  parent: string | null;
  children: string[];
  message: {
    author: { role: string };
    content: { content_type: string; parts: unknown[] };
    create_time: number | null;
    metadata?: Record<string, unknown>;
  } | null;
};

/**
 * A ChatGPT conversation: root -> system -> q1 -> a1 -> q2 (edited into q2b) ; q2 -> a2 and its
 * regeneration a2b (which used a tool: two assistant messages and a tool message between them);
 * q2b -> a3. current_node is a3.
 */
function chatGptConversation(id: string, title: string) {
  const t0 = 1_700_000_000;
  const mapping: Record<string, Node> = {};
  const add = (
    nodeId: string,
    parent: string | null,
    role: string | null,
    text: string,
    time: number,
    extra: Partial<Node['message']> = {},
  ) => {
    mapping[nodeId] = {
      id: nodeId,
      parent,
      children: [],
      message: role
        ? {
            author: { role },
            content: { content_type: 'text', parts: [text] },
            create_time: t0 + time,
            ...extra,
          }
        : null,
    };
    if (parent) mapping[parent]?.children.push(nodeId);
  };
  add('root', null, null, '', 0);
  add('sys', 'root', 'system', '', 1, { metadata: { is_visually_hidden_from_conversation: true } });
  add('q1', 'sys', 'user', 'What is 2+2?', 2);
  add('a1', 'q1', 'assistant', '4.', 3);
  add('q2', 'a1', 'user', 'And $\\sqrt{16}$?', 4);
  add('a2', 'q2', 'assistant', 'Also 4.', 5);
  add('a2b', 'q2', 'assistant', 'Let me check.', 6);
  add('tool', 'a2b', 'tool', 'python: 4.0', 7);
  add('a2c', 'tool', 'assistant', 'It is 4.', 8);
  add('q2b', 'a1', 'user', 'And 3+3?', 9);
  add('a3', 'q2b', 'assistant', '6.', 10);
  return { id, title, create_time: t0, update_time: t0 + 10, current_node: 'a3', mapping };
}

async function chatsOf(userId: string) {
  return withService(api.database, (tx) =>
    tx
      .selectFrom('chats')
      .select(['id', 'title', 'active_leaf_id'])
      .where('user_id', '=', userId)
      .execute(),
  );
}

async function messagesOf(chatId: string) {
  return withService(api.database, (tx) =>
    tx
      .selectFrom('messages')
      .select(['id', 'parent_id', 'role', 'content', 'status'])
      .where('chat_id', '=', chatId)
      .orderBy('created_at')
      .execute(),
  );
}

describe('ChatGPT import', () => {
  it('maps the mapping tree onto branches, with current_node as the active branch', async () => {
    const result = await api
      .caller(eva)
      .portability.importChatGpt({ conversations: [chatGptConversation('conv-1', 'Arithmetic')] });
    expect(result).toMatchObject({ imported: 1, skipped: 0 });
    const [chat] = (await chatsOf('user_port_eva')).filter((c) => c.title === 'Arithmetic');
    expect(chat).toBeDefined();
    const messages = await messagesOf(chat?.id ?? '');
    const byContent = new Map(messages.map((m) => [m.content, m]));
    const parentOf = (content: string) =>
      messages.find((m) => m.id === byContent.get(content)?.parent_id)?.content ?? null;
    expect(messages.map((m) => m.content).sort()).toEqual(
      [
        'What is 2+2?',
        '4.',
        'And $\\sqrt{16}$?',
        'Also 4.',
        'Let me check.\n\nIt is 4.',
        'And 3+3?',
        '6.',
      ].sort(),
    );
    expect(parentOf('What is 2+2?')).toBeNull();
    expect(parentOf('4.')).toBe('What is 2+2?');
    // The edited question: two versions under the same reply.
    expect(parentOf('And $\\sqrt{16}$?')).toBe('4.');
    expect(parentOf('And 3+3?')).toBe('4.');
    // The regenerated reply: two versions under the same question (the tool turn merged).
    expect(parentOf('Also 4.')).toBe('And $\\sqrt{16}$?');
    expect(parentOf('Let me check.\n\nIt is 4.')).toBe('And $\\sqrt{16}$?');
    expect(parentOf('6.')).toBe('And 3+3?');
    expect(chat?.active_leaf_id).toBe(byContent.get('6.')?.id);
    // The app shows the active branch.
    const page = await api.caller(eva).message.list({ chatId: chat?.id ?? '' });
    expect(page.items.map((m) => m.content)).toEqual(['What is 2+2?', '4.', 'And 3+3?', '6.']);
  });

  it('orders versions as the file does when their times are equal', async () => {
    // Exports often give messages the same second: the edited question must stay version 2.
    const conversation = chatGptConversation('conv-same-time', 'Same second');
    for (const node of Object.values(conversation.mapping)) {
      if (node.message) node.message.create_time = 1_700_000_000;
    }
    await api.caller(eva).portability.importChatGpt({ conversations: [conversation] });
    const [chat] = (await chatsOf('user_port_eva')).filter((c) => c.title === 'Same second');
    const page = await api.caller(eva).message.list({ chatId: chat?.id ?? '' });
    expect(page.items.map((m) => m.content)).toEqual(['What is 2+2?', '4.', 'And 3+3?', '6.']);
    const edited = page.items.find((m) => m.content === 'And 3+3?');
    const versions = page.siblings[edited?.id ?? ''] ?? [];
    const messages = await messagesOf(chat?.id ?? '');
    const original = messages.find((m) => m.content === 'And $\\sqrt{16}$?');
    expect(versions).toEqual([original?.id, edited?.id]);
  });

  it('is idempotent: the same file twice creates nothing new', async () => {
    const file = {
      conversations: [
        chatGptConversation('conv-2', 'Twice'),
        chatGptConversation('conv-3', 'Thrice'),
      ],
    };
    expect(await api.caller(eva).portability.importChatGpt(file)).toMatchObject({
      imported: 2,
      skipped: 0,
    });
    const count = (await chatsOf('user_port_eva')).length;
    expect(await api.caller(eva).portability.importChatGpt(file)).toMatchObject({
      imported: 0,
      skipped: 2,
    });
    expect((await chatsOf('user_port_eva')).length).toBe(count);
    // Another person importing the same file gets their own copy.
    expect(await api.caller(max).portability.importChatGpt(file)).toMatchObject({ imported: 2 });
  });

  it('refuses a malformed file with a 400, naming no chats', async () => {
    const before = (await chatsOf('user_port_eva')).length;
    const refused = await api
      .caller(eva)
      .portability.importChatGpt({ conversations: [{ title: 'x', mapping: 'nope' }] } as never)
      .then(() => null, errorShape);
    expect(refused?.code).toBe('BAD_REQUEST');
    expect((await chatsOf('user_port_eva')).length).toBe(before);
  });
});

describe('export', () => {
  it("lists each message's files (metadata only) on every branch", async () => {
    const [chat] = (await chatsOf('user_port_eva')).filter((c) => c.title === 'Arithmetic');
    const messages = await messagesOf(chat?.id ?? '');
    const idOf = (content: string) => messages.find((m) => m.content === content)?.id ?? '';
    // One file on the active branch's question, two on the edited-away version.
    const files = [
      { message: 'And 3+3?', name: 'sums_*v2*.csv', mime: 'text/csv', size: 120 },
      { message: 'And $\\sqrt{16}$?', name: 'roots.png', mime: 'image/png', size: 2048 },
      { message: 'And $\\sqrt{16}$?', name: 'notes.pdf', mime: 'application/pdf', size: 4096 },
    ];
    await withService(api.database, async (tx) => {
      for (const [index, file] of files.entries())
        await tx
          .insertInto('attachments')
          .values({
            user_id: 'user_port_eva',
            chat_id: chat?.id ?? '',
            message_id: idOf(file.message),
            name: file.name,
            mime_type: file.mime,
            size_bytes: file.size,
            storage_key: `user_port_eva/secret-key-${index}`,
            status: 'attached',
          })
          .execute();
    });

    const json = JSON.parse(
      (await api.caller(eva).portability.exportChat({ chatId: chat?.id ?? '', format: 'json' }))
        .content,
    );
    const exported = new Map<string, { attachments: unknown[] }>(
      json.chats[0].messages.map((m: { content: string }) => [m.content, m]),
    );
    expect(exported.get('And 3+3?')?.attachments).toEqual([
      {
        id: expect.any(String),
        name: 'sums_*v2*.csv',
        mime_type: 'text/csv',
        size_bytes: 120,
        created_at: expect.any(String),
      },
    ]);
    const other = (exported.get('And $\\sqrt{16}$?')?.attachments ?? []) as Array<{ name: string }>;
    expect(other.map((f) => f.name)).toEqual(['roots.png', 'notes.pdf']);
    expect(exported.get('6.')?.attachments).toEqual([]);

    const archive = (await api.caller(eva).portability.exportAll()).content;
    expect(archive).toContain('"notes.pdf"');
    expect(archive).not.toContain('secret-key');
    expect(archive).not.toContain('storage_key');

    // Markdown shows the active branch: its question's file, escaped, not the other version's.
    const markdown = (
      await api.caller(eva).portability.exportChat({ chatId: chat?.id ?? '', format: 'markdown' })
    ).content;
    expect(markdown).toContain('_Files: sums\\_\\*v2\\*.csv_');
    expect(markdown).not.toContain('roots.png');
  });

  it('exports one chat as Markdown (its active branch) and JSON (every branch)', async () => {
    const [chat] = (await chatsOf('user_port_eva')).filter((c) => c.title === 'Arithmetic');
    const markdown = await api
      .caller(eva)
      .portability.exportChat({ chatId: chat?.id ?? '', format: 'markdown' });
    expect(markdown.content).toContain('# Arithmetic');
    expect(markdown.content).toContain('And 3+3?');
    expect(markdown.content).not.toContain('Also 4.');
    const json = JSON.parse(
      (await api.caller(eva).portability.exportChat({ chatId: chat?.id ?? '', format: 'json' }))
        .content,
    );
    expect(json).toMatchObject({ format: 'zatten-chat-archive', version: 1 });
    expect(json.chats[0].messages).toHaveLength(7);
    const other = await api
      .caller(max)
      .portability.exportChat({ chatId: chat?.id ?? '', format: 'json' })
      .then(() => null, errorShape);
    expect(other?.code).toBe('NOT_FOUND');
  });

  it('round-trips the archive: a deleted chat comes back, the rest is skipped', async () => {
    const archive = JSON.parse((await api.caller(eva).portability.exportAll()).content);
    expect(archive).toMatchObject({ format: 'zatten-chat-archive', version: 1 });
    expect(archive.profile.id).toBe('user_port_eva');
    expect(JSON.stringify(archive)).not.toContain('user_port_max');
    const target = archive.chats.find((c: { title: string }) => c.title === 'Arithmetic');
    await api.caller(eva).chat.delete({ id: target.id });
    const before = (await chatsOf('user_port_eva')).length;

    const input = {
      format: 'zatten-chat-archive' as const,
      version: 1 as const,
      chats: archive.chats,
    };
    const first = await api.caller(eva).portability.importArchive(input);
    // The restored chat named three files: their bytes are not in the archive, so they are
    // counted as skipped; the chats already here bring none.
    expect(first).toMatchObject({
      imported: 1,
      skipped: archive.chats.length - 1,
      attachmentsSkipped: 3,
    });
    const again = await api.caller(eva).portability.importArchive(input);
    expect(again).toMatchObject({
      imported: 0,
      skipped: archive.chats.length,
      attachmentsSkipped: 0,
    });
    expect((await chatsOf('user_port_eva')).length).toBe(before + 1);

    const [restored] = (await chatsOf('user_port_eva')).filter((c) => c.title === 'Arithmetic');
    const page = await api.caller(eva).message.list({ chatId: restored?.id ?? '' });
    expect(page.items.map((m) => m.content)).toEqual(['What is 2+2?', '4.', 'And 3+3?', '6.']);
    expect(await messagesOf(restored?.id ?? '')).toHaveLength(7);
  });
});
