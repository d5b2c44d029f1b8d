// Benchmark peer: the database floor for REST create. node:http + a pg pool of 10 doing the same
// INSERT as POST /api/v1/chats (the chat row, its broadcast trigger included), no auth or checks.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const INSERT = `insert into chats (user_id, assistant_id, title, title_source, source)
  values ($1, (select id from assistants where is_default), $2, 'user', 'api')
  returning id, user_id, assistant_id, title, source, created_at, updated_at, last_activity_at`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        userId: string;
        title: string;
      };
      const { rows } = await pool.query(INSERT, [body.userId, body.title]);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`ready http://127.0.0.1:${address.port}`);
});
