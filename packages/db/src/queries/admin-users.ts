// The administrator's list of people: search by email or name, with when they were last
// active, how many chats they keep and their tokens this month. Service path only.
import { sql } from 'kysely';
import type { Executor } from '../scope';
import type { MonthRange } from './usage';

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
  lastActiveAt: string | null;
  chats: number;
  tokensThisMonth: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listUsersForAdmin(
  tx: Executor,
  options: { search?: string | null; limit: number; range: MonthRange },
): Promise<{ items: AdminUserRow[]; total: number }> {
  let query = tx.selectFrom('users as u');
  const search = options.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or([eb('u.email', 'ilike', pattern), eb('u.name', 'ilike', pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'u.id',
        'u.email',
        'u.name',
        'u.created_at',
        sql<
          string | null
        >`(select max(c.last_activity_at) from public.chats c where c.user_id = u.id)`.as(
          'last_active_at',
        ),
        sql<string>`(select count(*) from public.chats c where c.user_id = u.id)`.as('chats'),
        sql<string>`(select coalesce(sum(e.total_tokens), 0) from public.usage_events e
          where e.user_id = u.id and e.created_at >= ${options.range.from}
            and e.created_at < ${options.range.to})`.as('tokens'),
      ])
      .orderBy(sql`last_active_at desc nulls last`)
      .orderBy('u.email')
      .limit(options.limit)
      .execute(),
    query.select(sql<string>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: row.created_at,
      lastActiveAt: row.last_active_at,
      chats: Number(row.chats),
      tokensThisMonth: Number(row.tokens),
    })),
    total: Number(count?.n ?? 0),
  };
}
