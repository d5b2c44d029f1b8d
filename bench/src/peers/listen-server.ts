// Benchmark peer: the fan-out floor. One LISTEN connection on the channel the local realtime.send
// notifies; every notification is written, as it comes, to every open SSE response.
import { createServer, type ServerResponse } from 'node:http';
import pg from 'pg';

const subscribers = new Set<ServerResponse>();
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
client.on('notification', (message) => {
  const frame = `data: ${message.payload}\n\n`;
  for (const res of subscribers) res.write(frame);
});
await client.query('listen zatten_realtime');

const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(': connected\n\n');
  subscribers.add(res);
  req.on('close', () => subscribers.delete(res));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`ready http://127.0.0.1:${address.port}`);
});
