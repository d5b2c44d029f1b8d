// The framework floor for REST create: a minimal Next.js route handler doing the same INSERT as
// POST /api/v1/chats, on a pg pool of 10 kept on globalThis, with no auth or checks.
import pg from 'pg';

export const dynamic = 'force-dynamic';

const INSERT = `insert into chats (user_id, assistant_id, title, title_source, source)
  values ($1, (select id from assistants where is_default), $2, 'user', 'api')
  returning id, user_id, assistant_id, title, source, created_at, updated_at, last_activity_at`;

globalThis.benchPool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export async function POST(request) {
  const body = await request.json();
  const { rows } = await globalThis.benchPool.query(INSERT, [body.userId, body.title]);
  return Response.json(rows[0], { status: 201 });
}
