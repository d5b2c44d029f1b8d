// chat.list and message.list over HTTP at 10,000 chats / 100,000 messages, first and deep pages,
// against the tRPC floor (system.info: the same route, context and session, no database), with
// the EXPLAIN (ANALYZE) plans of the SQL each list runs.
import {
  createDatabase,
  type Database,
  encodeCursor,
  listBranch,
  listChats,
  withUser,
} from '@zatten/db';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { call } from '../http';
import { type Section, table, underLoad } from '../section';
import { fmt, median, p99, signed } from '../stats';
import { type BenchUser, queryUrl, trpcHeaders, type Zatten } from '../zatten';

const CHATS = 10_000;
const MESSAGES = 100_000;
const DEEP_CHAT_MESSAGES = 10_000;

async function seed(databaseUrl: string, userId: string): Promise<{ deepChat: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The broadcast triggers would queue 110,000 realtime events nobody listens to.
    await client.query(`
      alter table chats disable trigger chats_broadcast;
      alter table messages disable trigger messages_broadcast;
      insert into chats (user_id, assistant_id, title, title_source, source, last_activity_at)
        select $$${userId}$$, (select id from assistants where is_default), 'List chat ' || g, 'user', 'app',
               now() - (g || ' seconds')::interval
        from generate_series(1, ${CHATS}) g;
      create temporary table bench_chats as
        select id, row_number() over (order by last_activity_at desc) as n from chats where user_id = $$${userId}$$;
      -- Every chat is one branch: questions and replies alternate, each message the child of the
      -- one before it (the tree's shape trigger checks that row by row; the rows are built
      -- valid here, so it is off for the bulk insert), and the newest message is the active leaf.
      alter table messages disable trigger messages_tree;
      insert into messages (id, chat_id, user_id, role, parent_id, content, status, created_at)
        select id, chat_id, $$${userId}$$, case when g % 2 = 1 then 'user' else 'assistant' end,
               lag(id) over (partition by chat_id order by g), 'Message ' || g, 'complete', at
        from (
          select gen_random_uuid() as id, c.id as chat_id, g,
                 now() - ((${DEEP_CHAT_MESSAGES} - g) || ' milliseconds')::interval as at
          from bench_chats c, generate_series(1, ${DEEP_CHAT_MESSAGES}) g where c.n = 1
          union all
          select gen_random_uuid(), c.id, g, now() - ((10 - g) || ' milliseconds')::interval
          from bench_chats c, generate_series(1, ${(MESSAGES - DEEP_CHAT_MESSAGES) / (CHATS - 1)}) g
          where c.n > 1
        ) seeded;
      alter table messages enable trigger messages_tree;
      update chats set active_leaf_id = newest.id
        from (select distinct on (chat_id) chat_id, id from messages
              where user_id = $$${userId}$$ order by chat_id, created_at desc, id desc) newest
        where chats.id = newest.chat_id;
      alter table chats enable trigger chats_broadcast;
      alter table messages enable trigger messages_broadcast;
      analyze chats; analyze messages;`);
    const { rows } = await client.query<{ id: string }>('select id from bench_chats where n = 1');
    return { deepChat: rows[0]?.id ?? '' };
  } finally {
    await client.end();
  }
}

/** A Database whose Kysely records the SQL it runs, so the plans are of the real queries. */
function recordingDatabase(url: string): { database: Database; last: () => CompiledQuery | null } {
  const base = createDatabase(url, { max: 1 });
  let last: CompiledQuery | null = null;
  const db = new Kysely<never>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    log: (event) => {
      if (event.level === 'query' && /^\s*(select|with)\b/i.test(event.query.sql))
        last = event.query;
    },
  });
  return { database: { ...base, db: db as unknown as Database['db'] }, last: () => last };
}

async function plan(
  url: string,
  userId: string,
  run: (tx: Parameters<Parameters<typeof withUser>[2]>[0]) => Promise<unknown>,
): Promise<string> {
  const { database, last } = recordingDatabase(url);
  try {
    await withUser(database, userId, run);
    const compiled = last();
    if (!compiled) return '(no query recorded)';
    return await withUser(database, userId, async (tx) => {
      const result = await tx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers, costs off) ${compiled.sql}`, [
          ...compiled.parameters,
        ]),
      );
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  } finally {
    await database.db.destroy();
    await database.close();
  }
}

export async function listsBenchmark(targets: {
  zatten: Zatten;
  user: BenchUser;
  databaseUrl: string;
  rounds: number;
}): Promise<Section> {
  const { zatten, user } = targets;
  const { deepChat } = await seed(targets.databaseUrl, user.userId);
  // Deep cursors: the anchors 9,000 rows down each list.
  const client = new pg.Client({ connectionString: targets.databaseUrl });
  await client.connect();
  const chatAnchor = await client.query<{ at: string; id: string }>(
    `select to_char(last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') as at, id
     from chats where user_id = $1 order by last_activity_at desc, id desc offset 8999 limit 1`,
    [user.userId],
  );
  const messageAnchor = await client.query<{ at: string; id: string }>(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') as at, id
     from messages where chat_id = $1 order by created_at desc, id desc offset 8999 limit 1`,
    [deepChat],
  );
  await client.end();
  const chatCursor = encodeCursor(chatAnchor.rows[0] ?? { at: '', id: '' });
  const messageCursor = encodeCursor(messageAnchor.rows[0] ?? { at: '', id: '' });
  const cases = [
    { label: 'tRPC floor (system.info, no database)', path: 'system.info', input: undefined },
    { label: 'chat.list, first page (30)', path: 'chat.list', input: { limit: 30 } },
    {
      label: 'chat.list, 9,000 deep (30)',
      path: 'chat.list',
      input: { limit: 30, cursor: chatCursor },
    },
    {
      label: 'message.list, first page (50)',
      path: 'message.list',
      input: { chatId: deepChat, limit: 50 },
    },
    {
      label: 'message.list, 9,000 deep (50)',
      path: 'message.list',
      input: { chatId: deepChat, limit: 50, cursor: messageCursor },
    },
  ];
  const samples = cases.map(() => [] as number[]);
  const { load } = await underLoad(async () => {
    for (let round = -20; round < targets.rounds; round++) {
      for (const [i, item] of cases.entries()) {
        const start = performance.now();
        const reply = await call('GET', queryUrl(zatten, item.path, item.input), {
          headers: trpcHeaders(user),
        });
        if (reply.status !== 200) throw new Error(`${item.path} answered ${reply.status}`);
        if (round >= 0) samples[i]?.push(performance.now() - start);
      }
    }
  });
  const floor = median(samples[0] ?? []);
  const rows = cases.map((item, i) => [
    item.label,
    fmt(median(samples[i] ?? []), 2),
    fmt(p99(samples[i] ?? []), 2),
    i === 0 ? '—' : signed(median(samples[i] ?? []) - floor, 2),
  ]);
  const worst = Math.max(...samples.slice(1).map((s) => median(s) - floor));
  const summary = `- worst list median over the tRPC floor: +${fmt(worst, 2)} ms (target ≤ +1.5 ms).`;
  console.log(summary);
  const plans = [
    [
      'message.list, first page',
      await plan(targets.databaseUrl, user.userId, (tx) => listBranch(tx, deepChat, { limit: 50 })),
    ],
    [
      'chat.list, 9,000 deep',
      await plan(targets.databaseUrl, user.userId, (tx) =>
        listChats(tx, user.userId, { limit: 30, cursor: chatCursor }),
      ),
    ],
    [
      'message.list, 9,000 deep',
      await plan(targets.databaseUrl, user.userId, (tx) =>
        listBranch(tx, deepChat, { limit: 50, cursor: messageCursor }),
      ),
    ],
  ];
  return {
    id: 'lists',
    title: `Lists over HTTP at ${CHATS.toLocaleString('en-US')} chats / ${MESSAGES.toLocaleString('en-US')} messages`,
    body: [
      `One user with ${CHATS.toLocaleString('en-US')} chats and ${MESSAGES.toLocaleString('en-US')} messages (${DEEP_CHAT_MESSAGES.toLocaleString('en-US')} in one chat). ${targets.rounds} sequential rounds of every case after 20 warm-up rounds; ${load}.`,
      '',
      table(['request', 'median ms', 'p99 ms', 'over floor'], rows),
      '',
      summary,
      '',
      ...plans.flatMap(([label, text]) => [`${label}:`, '', '```', text, '```', '']),
    ].join('\n'),
  };
}
