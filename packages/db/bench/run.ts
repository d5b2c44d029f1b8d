// `pnpm bench`: measures the two database costs the design leans on, each against a baseline in
// the same run, on the embedded Postgres (or DATABASE_URL), in a throwaway database.
//  1. A deep page of a user's chat list: keyset cursor (what the API does) vs OFFSET.
//  2. A streaming progress write (a reply's content update): with the Realtime broadcast trigger
//     vs the same update with that trigger disabled.
//  3. The newest page of a long branching conversation: walking the active branch's parent links
//     vs the time-ordered keyset page of the earlier linear design.
// Prints medians (ms) and ratios; never asserts on time.
import postgres from 'postgres';
import { createDatabase } from '../src/client';
import { listChats } from '../src/queries/chats';
import { encodeCursor } from '../src/queries/cursor';
import { listBranch } from '../src/queries/message-tree';
import { listMessages, updateMessage } from '../src/queries/messages';
import { withService, withUser } from '../src/scope';
import { createTestDatabase, startTestServer } from '../src/testing/databases';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function measure(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, rounds); i++) await fn(); // warm up plans and caches
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function report(name: string, candidate: [string, number], baseline: [string, number]) {
  const ratio = candidate[1] / baseline[1];
  console.log(
    `${name}\n  ${candidate[0]}: median ${candidate[1].toFixed(3)} ms\n  ${baseline[0]}: median ${baseline[1].toFixed(3)} ms\n  ratio ${ratio.toFixed(2)}x`,
  );
}

const server = await startTestServer();
const target = await createTestDatabase(server);
const database = createDatabase(target.url);
// Raw SQL for the setup (the Database holds no postgres.js client of its own).
const raw = postgres(target.directUrl, { max: 1, onnotice: () => {} });
try {
  // 100 users with 2,000 chats each (200,000 in all); the measured user pages 1,800 rows deep.
  await raw.unsafe(`
    insert into users (id, email) select 'bench_' || g, 'bench' || g || '@example.com' from generate_series(1, 100) g;
    insert into chats (user_id, assistant_id, title, last_activity_at)
      select 'bench_' || (g % 100 + 1), (select id from assistants where is_default), 'Chat ' || g,
             now() - (g || ' seconds')::interval
      from generate_series(1, 200000) g;
    analyze chats;`);
  const depth = 1800;
  const anchor = await raw<{ last_activity_at: string; id: string }[]>`
    select to_char(last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') as last_activity_at, id
    from chats where user_id = 'bench_1' order by last_activity_at desc, id desc offset ${depth - 1} limit 1`;
  const cursor = encodeCursor({ at: anchor[0]?.last_activity_at ?? '', id: anchor[0]?.id ?? '' });
  const keyset = await measure(ROUNDS, () =>
    withUser(database, 'bench_1', (tx) => listChats(tx, 'bench_1', { limit: 30, cursor })),
  );
  const offset = await measure(ROUNDS, () =>
    withUser(database, 'bench_1', (tx) =>
      tx
        .selectFrom('chats')
        .selectAll()
        .where('user_id', '=', 'bench_1')
        .orderBy('last_activity_at', 'desc')
        .orderBy('id', 'desc')
        .offset(depth)
        .limit(31)
        .execute(),
    ),
  );
  report(
    `chat list page at depth ${depth} (30 rows, 200,000 chats)`,
    ['keyset cursor', keyset],
    ['OFFSET baseline', offset],
  );

  const chat = await raw<{ id: string }[]>`select id from chats where user_id = 'bench_2' limit 1`;
  // A reply answers a question (the message tree's shape), so the question comes first.
  const reply = await raw<{ id: string }[]>`
    with question as (
      insert into messages (chat_id, user_id, role, content, status)
      values (${chat[0]?.id ?? ''}, 'bench_2', 'user', 'Tell me', 'complete') returning id, chat_id
    )
    insert into messages (chat_id, user_id, role, content, status, parent_id)
    select chat_id, 'bench_2', 'assistant', '', 'streaming', id from question returning id`;
  const replyId = reply[0]?.id ?? '';
  let text = '';
  const grow = () => {
    text = text.length > 4000 ? 'x' : `${text}${'token '.repeat(5)}`;
    return text;
  };
  const withTrigger = await measure(ROUNDS, () =>
    withService(database, (tx) =>
      updateMessage(tx, replyId, { content: grow() }, { onlyIfActive: true }),
    ),
  );
  await raw`alter table messages disable trigger messages_broadcast`;
  const withoutTrigger = await measure(ROUNDS, () =>
    withService(database, (tx) =>
      updateMessage(tx, replyId, { content: grow() }, { onlyIfActive: true }),
    ),
  );
  await raw`alter table messages enable trigger messages_broadcast`;
  report(
    'reply progress write (content up to 4 KB)',
    ['with Realtime broadcast trigger', withTrigger],
    ['trigger disabled baseline', withoutTrigger],
  );

  // 3. A page of a long conversation: the active branch walked up its parent links (what the
  //    API does since messages form a tree) vs the time-ordered keyset page it replaced. The chat
  //    has a 4,000-message branch, and every 10th question was also edited once (other branches).
  const tree = await raw<{ id: string }[]>`
    insert into chats (user_id, assistant_id, title)
    select 'bench_2', id, 'Long tree' from assistants where is_default returning id`;
  const treeId = tree[0]?.id ?? '';
  await raw`alter table messages disable trigger messages_broadcast`;
  // A DO block takes no parameters; the id is a uuid this run just created.
  await raw.unsafe(`
    do $$
    declare
      parent uuid := null;
      question uuid;
      base timestamptz := now() - interval '1 day';
    begin
      for i in 1..2000 loop
        insert into messages (chat_id, user_id, role, content, parent_id, created_at)
        values ('${treeId}'::uuid, 'bench_2', 'user', 'question ' || i, parent, base + i * interval '1 second')
        returning id into question;
        if i % 10 = 0 then
          insert into messages (chat_id, user_id, role, content, parent_id, created_at)
          values ('${treeId}'::uuid, 'bench_2', 'user', 'edited ' || i, parent, base + i * interval '1 second' + interval '1 ms');
        end if;
        insert into messages (chat_id, user_id, role, content, parent_id, created_at)
        values ('${treeId}'::uuid, 'bench_2', 'assistant', 'answer ' || i, question, base + i * interval '1 second' + interval '2 ms')
        returning id into parent;
      end loop;
      update chats set active_leaf_id = parent where id = '${treeId}'::uuid;
    end $$`);
  await raw`alter table messages enable trigger messages_broadcast`;
  await raw`analyze messages`;
  const branchPage = await measure(ROUNDS, () =>
    withUser(database, 'bench_2', (tx) => listBranch(tx, treeId, { limit: 50 })),
  );
  const timePage = await measure(ROUNDS, () =>
    withUser(database, 'bench_2', (tx) => listMessages(tx, treeId, { limit: 50 })),
  );
  report(
    'newest page of a 4,000-message branch (50 rows, with versions)',
    ['active branch via parent links', branchPage],
    ['time-ordered keyset baseline', timePage],
  );
} finally {
  await database.close();
  await raw.end();
  await target.drop();
  await server.teardown();
}
