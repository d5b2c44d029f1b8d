// The realtime.messages policy after a broadcasting write. Supabase's realtime.send does
// `SET LOCAL realtime.topic`, which stays set for the rest of the transaction (the local bootstrap
// does the same); a policy that checked only realtime.topic() then let a user who had just written
// a row of their own read every user's broadcasts in that transaction. The policy checks the
// row's topic too.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChat, renameChat } from '../src/queries/chats';
import { withService, withUser } from '../src/scope';
import { seedUser, useDatabase } from './helpers';

const ctx = useDatabase();

beforeAll(async () => {
  await seedUser(ctx.database, 'alice');
  await seedUser(ctx.database, 'mallory');
  // Alice's chat: a broadcast on user:alice.
  await withService(ctx.database, (tx) =>
    createChat(tx, { userId: 'alice', title: 'Private plans', source: 'app', titleSource: 'user' }),
  );
});

describe('realtime.messages after a broadcasting write', () => {
  it('realtime.send leaves realtime.topic set for the rest of the transaction, as on Supabase', async () => {
    const topic = await withUser(ctx.database, 'mallory', async (tx) => {
      await createChat(tx, {
        userId: 'mallory',
        title: 'Mine',
        source: 'app',
        titleSource: 'user',
      });
      const { rows } = await sql<{
        topic: string | null;
      }>`select realtime.topic() as topic`.execute(tx);
      return rows[0]?.topic;
    });
    expect(topic).toBe('user:mallory');
  });

  it('a user reads no other topic after writing a row of their own', async () => {
    const seen = await withUser(ctx.database, 'mallory', async (tx) => {
      const chat = await createChat(tx, {
        userId: 'mallory',
        title: 'Bait',
        source: 'app',
        titleSource: 'user',
      });
      await renameChat(tx, chat.id, 'Bait, renamed');
      const { rows } = await sql<{ topic: string }>`
        select distinct topic from realtime.messages order by topic`.execute(tx);
      return rows.map((row) => row.topic);
    });
    expect(seen).toEqual(['user:mallory']);
    // Alice's broadcasts exist; Mallory just cannot read them.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from realtime.messages where topic = 'user:alice'`.execute(
      ctx.database.db,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
