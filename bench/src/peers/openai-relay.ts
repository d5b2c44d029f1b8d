// Benchmark peer: the barest useful relay. POST /chat streams one Response from the upstream with
// the official openai SDK and forwards each text delta as an SSE frame. No database, no auth.
import { createServer } from 'node:http';
import OpenAI from 'openai';

const client = new OpenAI({ apiKey: 'bench', baseURL: process.env.UPSTREAM_URL });

const server = createServer(async (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const stream = await client.responses.create({ model: 'gpt-5-mini', input: 'hi', stream: true });
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') {
      res.write(`data: ${JSON.stringify(event.delta)}\n\n`);
    }
  }
  res.end('data: [DONE]\n\n');
  req.resume();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`ready http://127.0.0.1:${address.port}`);
});
