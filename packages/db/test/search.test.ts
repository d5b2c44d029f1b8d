// Search inside messages on real Postgres (issue 17): relevance in Portuguese and English
// (accents folded, stems, partial words), titles, branches, snippets that carry no markup,
// keyset pages, odd input, and Row Level Security for the server path and Data API callers.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveChats, createChat } from '../src/queries/chats';
import { appendMessage } from '../src/queries/messages';
import { type SearchHit, searchChats, snippetParts } from '../src/queries/search';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();
const ids: Record<string, string> = {};

async function chatWith(
  userId: string,
  title: string,
  exchanges: Array<[string, string]>,
): Promise<string> {
  return withService(ctx.database, async (tx) => {
    const chat = await createChat(tx, { userId, title, source: 'app', titleSource: 'user' });
    for (const [question, reply] of exchanges) {
      await appendMessage(tx, {
        chatId: chat.id,
        userId,
        role: 'user',
        content: question,
        status: 'complete',
      });
      await appendMessage(tx, {
        chatId: chat.id,
        userId,
        role: 'assistant',
        content: reply,
        status: 'complete',
      });
    }
    return chat.id;
  });
}

const search = (userId: string, phrase: string, limit = 20, cursor?: string | null) =>
  withUser(ctx.database, userId, (tx) => searchChats(tx, { phrase, limit, cursor }));

const chatIds = (hits: SearchHit[]) => hits.map((hit) => hit.chat.id);
const marked = (hit: SearchHit | undefined) =>
  (hit?.message?.snippet ?? []).filter((part) => part.match).map((part) => part.text);

beforeAll(async () => {
  await seedUser(ctx.database, 'searcher');
  await seedUser(ctx.database, 'other');
  ids.cake = await chatWith('searcher', 'Receitas de família', [
    ['Como faço um bolo de cenoura sem açúcar?', 'Use adoçante e cenouras raladas na massa.'],
  ]);
  ids.talk = await chatWith('searcher', 'Conference notes', [
    ['I was running late to the programming conference', 'Programmers often are. Take a taxi.'],
  ]);
  ids.html = await chatWith('searcher', 'Markup', [
    ['<script>alert(1)</script> quokka \uE000fake\uE001 marker', 'Quokkas live in Australia.'],
  ]);
  // A chat with two branches: the gardening question is on screen, its astronomy version is not.
  ids.branches = await chatWith('searcher', 'Hobbies', [
    ['Tell me about gardening tomatoes', 'Tomatoes like sun.'],
  ]);
  ids.offBranch = await withService(ctx.database, async (tx) => {
    const question = await appendMessage(tx, {
      chatId: ids.branches as string,
      userId: 'searcher',
      role: 'user',
      content: 'Tell me about astronomy telescopes',
      status: 'complete',
      parentId: null,
    });
    return question.id;
  });
  ids.private = await chatWith('other', 'Secret cenoura plans', [['cenoura secreta', 'ok']]);
});

describe('relevance', () => {
  it('folds accents both ways in Portuguese', async () => {
    for (const phrase of ['acucar', 'açúcar', 'AÇUCAR']) {
      const { items } = await search('searcher', phrase);
      expect(chatIds(items), phrase).toEqual([ids.cake]);
    }
    const { items } = await search('searcher', 'adocante');
    expect(marked(items[0])).toEqual(['adoçante']); // the snippet keeps the text as written
  });

  it('stems Portuguese and English words', async () => {
    expect(chatIds((await search('searcher', 'cenouras')).items)).toEqual([ids.cake]);
    expect(chatIds((await search('searcher', 'receita')).items)).toEqual([ids.cake]);
    expect(chatIds((await search('searcher', 'run')).items)).toEqual([ids.talk]);
    expect(chatIds((await search('searcher', 'conferences')).items)).toEqual([ids.talk]);
  });

  it('finds partial words as they are typed', async () => {
    expect(chatIds((await search('searcher', 'cenou')).items)).toEqual([ids.cake]);
    expect(chatIds((await search('searcher', 'progr')).items)).toEqual([ids.talk]);
    // Inside a title word, through trigrams.
    expect(chatIds((await search('searcher', 'amíli')).items)).toEqual([ids.cake]);
  });

  it('needs every word, and ranks a title match above a message match', async () => {
    expect((await search('searcher', 'bolo taxi')).items).toEqual([]);
    const extra = await chatWith('searcher', 'Quokka facts', [['What eats grass?', 'Kangaroos.']]);
    const { items } = await search('searcher', 'quokka');
    expect(chatIds(items)).toEqual([extra, ids.html]);
    expect(items[0]?.titleParts).toEqual([
      { text: 'Quokka', match: true },
      { text: ' facts', match: false },
    ]);
  });

  it('ignores stop words and query syntax, and finds nothing in empty or odd input', async () => {
    expect(chatIds((await search('searcher', 'the de a bolo')).items)).toEqual([ids.cake]);
    for (const phrase of ['', '   ', 'de the', "&|!:*()'\\", '%', '_']) {
      expect((await search('searcher', phrase)).items, phrase).toEqual([]);
    }
  });
});

describe('snippets', () => {
  it('are plain text parts: markup stays text and markers in the text are not matches', async () => {
    const { items } = await search('searcher', 'quokka');
    const hit = items.find((item) => item.chat.id === ids.html);
    const text = hit?.message?.snippet.map((part) => part.text).join('') ?? '';
    expect(marked(hit)).toEqual(['quokka']);
    expect(text).not.toMatch(/[\uE000\uE001]/);
    expect(text).toContain('fake');
  });

  it('splits marked text into runs', () => {
    expect(snippetParts('a \uE000b\uE001 c')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
    ]);
  });
});

describe('branches and archive', () => {
  it('finds a message off the active branch and says so', async () => {
    const off = (await search('searcher', 'telescope')).items[0];
    expect(off?.chat.id).toBe(ids.branches);
    expect(off?.message).toMatchObject({ id: ids.offBranch, on_active_branch: false });
    const on = (await search('searcher', 'gardening')).items[0];
    expect(on?.message?.on_active_branch).toBe(true);
  });

  it('still finds archived chats', async () => {
    await withUser(ctx.database, 'searcher', (tx) => archiveChats(tx, [ids.cake as string], true));
    const { items } = await search('searcher', 'bolo');
    expect(chatIds(items)).toEqual([ids.cake]);
    expect(items[0]?.chat.archived_at).not.toBeNull();
    await withUser(ctx.database, 'searcher', (tx) => archiveChats(tx, [ids.cake as string], false));
  });
});

describe('pages', () => {
  it('walks every match once, best first', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await chatWith('searcher', `Zebra ${i}`, [[`zebra ${'zebra '.repeat(i)}`, 'stripes']]),
      );
    }
    const seen: SearchHit[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search('searcher', 'zebra', 2, cursor);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(chatIds(seen))).toEqual(new Set(made));
    const ranks = seen.map((hit) => hit.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(search('searcher', 'zebra', 2, 'bm9wZQ')).rejects.toMatchObject({
      reason: 'invalid_cursor',
    });
  });
});

describe('Row Level Security', () => {
  it('shows a person only their own chats', async () => {
    expect(chatIds((await search('searcher', 'cenoura')).items)).toEqual([ids.cake]);
    expect(chatIds((await search('other', 'cenoura')).items)).toEqual([ids.private]);
  });

  it('holds for Data API callers: authenticated sees their own, anon may not call it', async () => {
    const asRole = (role: string, sub: string | null) =>
      ctx.database.db.transaction().execute(async (tx) => {
        await sql`select set_config('request.jwt.claims', ${JSON.stringify(sub ? { sub, role } : { role })}, true),
                         set_config('role', ${role}, true)`.execute(tx);
        const { rows } = await sql<{ chat_id: string }>`
          select chat_id from public.search_chats('cenoura')`.execute(tx);
        return rows.map((row) => row.chat_id);
      });
    expect(await asRole('authenticated', 'other')).toEqual([ids.private]);
    expect(await asRole('authenticated', null)).toEqual([]);
    await expect(asRole('anon', null)).rejects.toThrow(/permission denied/);
    // The service role (no claims) finds nothing either: the function filters by the caller.
    const service = await withService(ctx.database, (tx) =>
      sql<{ chat_id: string }>`select chat_id from public.search_chats('cenoura')`.execute(tx),
    );
    expect(service.rows).toEqual([]);
  });
});

describe('pin and archive', () => {
  it('lists pinned chats apart, hides archived ones, and never keeps a chat both', async () => {
    const { pinChat, listChats } = await import('../src/queries/chats');
    const pinned = await chatWith('searcher', 'Pinned one', []);
    const archived = await chatWith('searcher', 'Archived one', []);
    await withUser(ctx.database, 'searcher', async (tx) => {
      await pinChat(tx, pinned, true);
      await pinChat(tx, archived, true);
      const [row] = await archiveChats(tx, [archived], true);
      expect(row).toMatchObject({ pinned_at: null }); // archiving unpins
      await expect(pinChat(tx, archived, true)).rejects.toMatchObject({ reason: 'chat_archived' });
    });
    const view = (v: 'recent' | 'pinned' | 'archived' | 'all') =>
      withUser(ctx.database, 'searcher', (tx) =>
        listChats(tx, 'searcher', { limit: 100, view: v }),
      );
    expect(chatIds2((await view('pinned')).items)).toEqual([pinned]);
    expect(chatIds2((await view('archived')).items)).toEqual([archived]);
    const recent = chatIds2((await view('recent')).items);
    expect(recent).not.toContain(pinned);
    expect(recent).not.toContain(archived);
    expect(chatIds2((await view('all')).items)).toEqual(expect.arrayContaining([pinned, archived]));
  });

  it('the database refuses a pinned archived chat whoever writes it', async () => {
    const chat = await chatWith('searcher', 'Both', []);
    await expect(
      withService(ctx.database, (tx) =>
        sql`update public.chats set pinned_at = now(), archived_at = now() where id = ${chat}`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/chats_pinned_or_archived/);
  });

  it("bulk changes are all or nothing: another person's chat fails the whole call", async () => {
    const { deleteChats } = await import('../src/queries/chats');
    const mine = await chatWith('searcher', 'Mine', []);
    await expect(
      withUser(ctx.database, 'searcher', (tx) =>
        archiveChats(tx, [mine, ids.private as string], true),
      ),
    ).rejects.toMatchObject({ reason: 'chat_not_found' });
    await expect(
      withUser(ctx.database, 'searcher', (tx) => deleteChats(tx, [mine, ids.private as string])),
    ).rejects.toMatchObject({ reason: 'chat_not_found' });
    const rows = await withService(ctx.database, (tx) =>
      tx
        .selectFrom('chats')
        .select(['id', 'archived_at'])
        .where('id', 'in', [mine, ids.private as string])
        .execute(),
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.archived_at === null)).toBe(true);
  });
});

const chatIds2 = (rows: Array<{ id: string }>) => rows.map((row) => row.id);
