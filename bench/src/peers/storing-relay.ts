// Benchmark peer: the bare relay plus the writes any relay that keeps the conversation must make,
// the floor of "store, then stream". POST /chat with `{ userId, chatId }`: one round trip stores
// the question and the reply in flight at the chat's tip with the app's own `begin_exchange` (the
// two inserts with their tree and broadcast triggers, the chat's activity and leaf), as that user;
// then it streams as the bare relay does and stores the finished reply (one UPDATE). No auth, no
// framework, no admission checks, no rate limits.
import { createServer } from 'node:http';
import OpenAI from 'openai';
import pg from 'pg';

const client = new OpenAI({ apiKey: 'bench', baseURL: process.env.UPSTREAM_URL });
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

/** The question and its reply in one simple-protocol query (one implicit transaction). */
function beginSql(userId: string, chatId: string): string {
  const claims = pg.escapeLiteral(JSON.stringify({ sub: userId, role: 'authenticated' }));
  const chat = `${pg.escapeLiteral(chatId)}::uuid`;
  return `select set_config('request.jwt.claims', ${claims}, true);
    select e.id from public.begin_exchange(${chat},
      (select c.active_leaf_id from public.chats c where c.id = ${chat}), 'hi') e
    where e.role = 'assistant'`;
}

const FINISH = `update public.messages set content = $2, status = 'complete', completed_at = now()
  where id = $1`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    let replyId: string | undefined;
    let text = '';
    try {
      const { userId, chatId } = JSON.parse(Buffer.concat(chunks).toString()) as {
        userId: string;
        chatId: string;
      };
      const results = (await pool.query(beginSql(userId, chatId))) as unknown as pg.QueryResult[];
      replyId = (results[1]?.rows[0] as { id: string } | undefined)?.id;
      if (!replyId) throw new Error('no reply stored');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const stream = await client.responses.create({
        model: 'gpt-5-mini',
        input: 'hi',
        stream: true,
      });
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') {
          text += event.delta;
          res.write(`data: ${JSON.stringify(event.delta)}\n\n`);
        }
      }
      res.end('data: [DONE]\n\n');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    } finally {
      // The reply is finished whatever happened, so the chat is free for the next round's send.
      if (replyId) await pool.query(FINISH, [replyId, text]).catch(() => {});
    }
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`ready http://127.0.0.1:${address.port}`);
});
