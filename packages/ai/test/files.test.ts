// Files in a question (issue 16): images go to the model as `input_image` (base64 data URL), PDFs
// as `input_file` (`file_data`), text files as text. Sent by the official SDK to the test server,
// which checks the parts as the API documents them and replies naming the files it received.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationTurn, responseInput } from '../src';
import { type OpenAITestServer, startOpenAITestServer } from '../src/testing';
import { API_KEY, ASSISTANT, collect, FAST_LIMITS, startServer, terminal } from './helpers';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const TURNS: ConversationTurn[] = [
  {
    role: 'user',
    text: 'What is in these?',
    files: [
      { name: 'chart.png', mimeType: 'image/png', kind: 'image', bytes: PNG },
      { name: 'paper.pdf', mimeType: 'application/pdf', kind: 'pdf', bytes: PDF },
      {
        name: 'notes.md',
        mimeType: 'text/markdown',
        kind: 'text',
        bytes: new TextEncoder().encode('# Notes'),
      },
    ],
  },
];

describe('a question with files', () => {
  let server: OpenAITestServer;
  let runner: Awaited<ReturnType<typeof startServer>>['runner'];
  beforeAll(async () => {
    ({ server, runner } = await startServer({ responsesOnly: true }));
  });
  afterAll(() => server.close());

  it('sends images, PDFs and text as the documented input parts, and the reply names them', async () => {
    const events = await collect(
      runner.run({
        input: TURNS,
        assistant: ASSISTANT,
        metadata: { chat_id: 'chat_1', message_id: 'msg_1' },
        limits: FAST_LIMITS,
      }),
    );
    expect(terminal(events)).toMatchObject({
      type: 'completed',
      text: 'Test reply to: What is in these? [files: chart.png (image), paper.pdf (file), notes.md (text)]',
    });
    const [request] = server.responsesRequests;
    expect(request?.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: '<file name="chart.png" type="image/png"/>' },
          {
            type: 'input_image',
            detail: 'auto',
            image_url: `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`,
          },
          { type: 'input_text', text: '<file name="paper.pdf" type="application/pdf"/>' },
          {
            type: 'input_file',
            filename: 'paper.pdf',
            file_data: `data:application/pdf;base64,${Buffer.from(PDF).toString('base64')}`,
          },
          {
            type: 'input_text',
            text: '<file name="notes.md" type="text/markdown">\n# Notes\n</file>',
          },
          { type: 'input_text', text: 'What is in these?' },
        ],
      },
    ]);
  });

  it('keeps file labels safe: quotes and angle brackets in names cannot close the label', () => {
    const [item] = responseInput([
      {
        role: 'user',
        text: 'x',
        files: [
          {
            name: 'a"><b.txt',
            mimeType: 'text/plain',
            kind: 'text',
            bytes: new Uint8Array([0x61]),
          },
        ],
      },
    ]);
    expect(JSON.stringify(item)).toContain('<file name=\\"a___b.txt\\"');
  });
});

describe('the test server checks file parts as the API does', () => {
  let server: OpenAITestServer;
  let client: OpenAI;
  beforeAll(async () => {
    server = await startOpenAITestServer({ apiKey: API_KEY });
    client = new OpenAI({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
  });
  afterAll(() => server.close());

  const ask = (content: unknown[]) =>
    client.responses.create({
      model: 'gpt-test',
      input: [{ type: 'message', role: 'user', content }] as never,
    });

  it('refuses an image that is not an image URL, and a file without its name or source', async () => {
    await expect(
      ask([{ type: 'input_image', detail: 'auto', image_url: 'data:text/html;base64,PGI+' }]),
    ).rejects.toMatchObject({ status: 400, param: 'input[0].content[0].image_url' });
    await expect(
      ask([{ type: 'input_file', file_data: 'data:application/pdf;base64,JVBERg==' }]),
    ).rejects.toMatchObject({ status: 400, param: 'input[0].content[0].filename' });
    await expect(ask([{ type: 'input_file', filename: 'a.pdf' }])).rejects.toMatchObject({
      status: 400,
    });
  });

  it('accepts file ids and https URLs, and names what it got', async () => {
    const response = await ask([
      { type: 'input_image', detail: 'low', image_url: 'https://example.com/cat.png' },
      { type: 'input_file', file_id: 'file_123', filename: 'report.pdf' },
      { type: 'input_text', text: 'Describe' },
    ]);
    expect(response.output_text).toBe(
      'Test reply to: Describe [files: image (image), report.pdf (file)]',
    );
  });
});
