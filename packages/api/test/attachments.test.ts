// Files in chats end to end (issue 16) on real Postgres, the disk store and the OpenAI test server
// (read by the official SDK): upload through the signed URL, confirm (type from the bytes), the
// limits, sending with a question (the model gets the files, the reply names them), files
// following regenerate and edit, deletion of a chat emptying the store, and the sweep of uploads
// never sent.
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import { getMessage, withService } from '@zatten/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../src/housekeeping';
import type { DiskObjectStore } from '../src/storage/disk';
import { samplePdf, samplePng, sampleText } from '../src/testing/sample-files';
import { errorShape, seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
beforeAll(async () => {
  openai = await startOpenAITestServer({ responsesOnly: true, tokenDelayMs: 1 });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  runs: { persistIntervalMs: 50, limits: { firstTokenMs: 3000, idleMs: 2000, maxRetries: 0 } },
  sendsPerMinute: 1000,
  uploadsPerMinute: 1000,
  env: {
    ATTACHMENT_MAX_FILE_BYTES: '4096',
    ATTACHMENT_MAX_FILES_PER_MESSAGE: '3',
    ATTACHMENT_QUOTA_BYTES_PER_USER: '20000',
  },
});
const ana = userActor('user_files_ana');
const bob = userActor('user_files_bob');
const quota = userActor('user_files_quota');

beforeAll(async () => {
  for (const id of ['user_files_ana', 'user_files_bob', 'user_files_quota'])
    await seedUser(api.database, id);
});

const store = () => api.services.attachments.store as DiskObjectStore;

/** Asks for an upload, PUTs the bytes to the signed URL (as a browser does), confirms. */
async function upload(actor: typeof ana, name: string, bytes: Uint8Array, contentType = '') {
  const { attachment, upload } = await api
    .caller(actor)
    .attachment.requestUpload({ name, sizeBytes: bytes.byteLength, contentType });
  const put = await store().handle(
    new Request(upload.url, { method: upload.method, headers: upload.headers, body: bytes }),
  );
  expect(put.status).toBe(200);
  return api.caller(actor).attachment.confirm({ id: attachment.id });
}

async function waitForStatus(id: string, statuses: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await withService(api.database, (tx) => getMessage(tx, id));
    if (message && statuses.includes(message.status)) return message;
    if (Date.now() > deadline) throw new Error(`message ${id} is ${message?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function inputFor(replyId: string): unknown {
  return openai.responsesRequests.findLast(
    (r) => (r.body as { metadata?: { message_id?: string } }).metadata?.message_id === replyId,
  )?.input;
}

describe('uploads', () => {
  it('confirms an upload with the type read from its bytes, not its name or claim', async () => {
    const file = await upload(ana, 'photo.txt', samplePng(), 'text/plain');
    expect(file).toMatchObject({
      name: 'photo.txt',
      mimeType: 'image/png',
      kind: 'image',
      status: 'uploaded',
      sizeBytes: samplePng().byteLength,
    });
    // Its signed download URL serves the bytes.
    const served = await store().handle(new Request(file.url ?? ''));
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(samplePng());
    expect(served.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a type it does not accept, and deletes what was uploaded', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x01]);
    const error = await upload(ana, 'archive.txt', zip).catch((caught: unknown) => caught);
    expect(errorShape(error)).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      reason: 'attachment_type_refused',
    });
    expect(await store().list('user_files_ana')).toHaveLength(1);
  });

  it('refuses a file over the size limit, whether declared or really uploaded', async () => {
    const declared = await api
      .caller(ana)
      .attachment.requestUpload({ name: 'big.txt', sizeBytes: 5000 })
      .catch((caught: unknown) => caught);
    expect(errorShape(declared)).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'attachment_too_large',
    });
    // Declared small, uploaded big: the store stops at the limit.
    const { upload: url } = await api
      .caller(ana)
      .attachment.requestUpload({ name: 'liar.txt', sizeBytes: 10 });
    const put = await store().handle(
      new Request(url.url, { method: 'PUT', body: new Uint8Array(5000).fill(0x61) }),
    );
    expect(put.status).toBe(413);
  });

  it('refuses what would go over the per-person quota', async () => {
    for (let i = 0; i < 4; i++) await upload(quota, `f${i}.txt`, sampleText('x'.repeat(4000)));
    const error = await api
      .caller(quota)
      .attachment.requestUpload({ name: 'more.txt', sizeBytes: 4001 })
      .catch((caught: unknown) => caught);
    expect(errorShape(error)).toEqual({ code: 'FORBIDDEN', reason: 'storage_quota_exceeded' });
  });

  it("cannot confirm, remove or send another person's file", async () => {
    const file = await upload(ana, 'mine.md', sampleText('# mine'));
    for (const attempt of [
      () => api.caller(bob).attachment.confirm({ id: file.id }),
      () => api.caller(bob).attachment.remove({ id: file.id }),
    ]) {
      expect(errorShape(await attempt().catch((caught: unknown) => caught))).toEqual({
        code: 'NOT_FOUND',
        reason: 'attachment_not_found',
      });
    }
    const chat = await api.caller(bob).chat.create({ title: 'steal' });
    const error = await api
      .caller(bob)
      .message.send({ chatId: chat.id, content: 'hi', attachmentIds: [file.id] })
      .catch((caught: unknown) => caught);
    expect(errorShape(error)).toEqual({ code: 'BAD_REQUEST', reason: 'attachment_not_found' });
  });

  it('removes an unsent file and its stored bytes', async () => {
    const before = (await store().list('user_files_bob')).length;
    const file = await upload(bob, 'gone.txt', sampleText('bye'));
    expect(await store().list('user_files_bob')).toHaveLength(before + 1);
    await api.caller(bob).attachment.remove({ id: file.id });
    expect(await store().list('user_files_bob')).toHaveLength(before);
  });
});

describe('sending files', () => {
  it('sends the files with the question; they follow regenerate and edit', async () => {
    const image = await upload(ana, 'chart.png', samplePng());
    const pdf = await upload(ana, 'paper.pdf', samplePdf());
    const notes = await upload(ana, 'notes.csv', sampleText('a,b\n1,2\n'));
    const chat = await api.caller(ana).chat.create({ title: 'files' });
    const pair = await api.caller(ana).message.send({
      chatId: chat.id,
      content: 'What is in these?',
      attachmentIds: [image.id, pdf.id, notes.id],
    });
    const reply = await waitForStatus(pair.assistantMessage.id, ['complete']);
    expect(reply.content).toBe(
      'Test reply to: What is in these? [files: chart.png (image), paper.pdf (file), notes.csv (text)]',
    );
    const listed = await api.caller(ana).attachment.list({ chatId: chat.id });
    expect(listed.map((file) => [file.name, file.status, file.messageId])).toEqual([
      ['chart.png', 'attached', pair.userMessage.id],
      ['paper.pdf', 'attached', pair.userMessage.id],
      ['notes.csv', 'attached', pair.userMessage.id],
    ]);

    const again = await api.caller(ana).message.regenerate({ chatId: chat.id });
    expect((await waitForStatus(again.assistantMessage.id, ['complete'])).content).toBe(
      reply.content,
    );
    expect(JSON.stringify(inputFor(again.assistantMessage.id))).toContain('input_image');

    // An edit keeps the question's files unless it lists others.
    const edited = await api
      .caller(ana)
      .branch.edit({ messageId: pair.userMessage.id, content: 'And now?' });
    expect((await waitForStatus(edited.assistantMessage.id, ['complete'])).content).toBe(
      'Test reply to: And now? [files: chart.png (image), paper.pdf (file), notes.csv (text)]',
    );
    const onlyPdf = await api.caller(ana).branch.edit({
      messageId: pair.userMessage.id,
      content: 'Just the PDF',
      attachmentIds: [pdf.id],
    });
    expect((await waitForStatus(onlyPdf.assistantMessage.id, ['complete'])).content).toBe(
      'Test reply to: Just the PDF [files: paper.pdf (file)]',
    );
  });

  it('refuses more files than a message may hold, storing nothing', async () => {
    const files = [];
    for (let i = 0; i < 4; i++) files.push(await upload(bob, `n${i}.txt`, sampleText(`n${i}`)));
    const chat = await api.caller(bob).chat.create({ title: 'many' });
    const error = await api
      .caller(bob)
      .message.send({ chatId: chat.id, content: 'all', attachmentIds: files.map((f) => f.id) })
      .catch((caught: unknown) => caught);
    expect(errorShape(error)).toEqual({ code: 'BAD_REQUEST', reason: 'too_many_attachments' });
    expect(await api.caller(bob).attachment.list({ chatId: chat.id })).toEqual([]);
  });
});

describe('deletion', () => {
  it('deleting a chat deletes its files from the store', async () => {
    const deleter = userActor('user_files_deleter');
    await seedUser(api.database, 'user_files_deleter');
    const chat = await api.caller(deleter).chat.create({ title: 'to delete' });
    const file = await upload(deleter, 'a.png', samplePng());
    const pair = await api
      .caller(deleter)
      .message.send({ chatId: chat.id, content: 'see', attachmentIds: [file.id] });
    await waitForStatus(pair.assistantMessage.id, ['complete']);
    expect(await store().list('user_files_deleter')).toHaveLength(1);
    await api.caller(deleter).chat.delete({ id: chat.id });
    expect(await store().list('user_files_deleter')).toEqual([]);
  });

  it('deleting a person deletes their files from the store', async () => {
    await seedUser(api.database, 'user_files_leaving');
    const leaving = userActor('user_files_leaving');
    await upload(leaving, 'a.txt', sampleText('a'));
    const chat = await api.caller(leaving).chat.create({ title: 'bye' });
    const sent = await upload(leaving, 'b.txt', sampleText('b'));
    const pair = await api
      .caller(leaving)
      .message.send({ chatId: chat.id, content: 'x', attachmentIds: [sent.id] });
    await waitForStatus(pair.assistantMessage.id, ['complete']);
    await withService(api.database, (tx) =>
      tx.deleteFrom('users').where('id', '=', 'user_files_leaving').execute(),
    );
    await api.services.attachments.drainDeletions();
    expect(await store().list('user_files_leaving')).toEqual([]);
  });

  it('the housekeeping sweep purges uploads never sent, after their window', async () => {
    await seedUser(api.database, 'user_files_idle');
    const idle = userActor('user_files_idle');
    const old = await upload(idle, 'old.txt', sampleText('old'));
    await upload(idle, 'fresh.txt', sampleText('fresh'));
    await api.database.pool.query(
      "update attachments set created_at = now() - interval '25 hours' where id = $1",
      [old.id],
    );
    const swept = await sweepOnce(api.database, {
      webhookRetentionMs: 3600_000,
      attachments: api.services.attachments,
    });
    expect(swept.unsentAttachments).toBe(1);
    const left = await store().list('user_files_idle');
    expect(left).toHaveLength(1);
    expect(left[0]).not.toContain(old.id);
  });
});

describe('rate limits', () => {
  const limited = useApi({ uploadsPerMinute: 2 });
  it('limits upload requests per person', async () => {
    await seedUser(limited.database, 'user_files_fast');
    const fast = userActor('user_files_fast');
    const ask = () =>
      limited.caller(fast).attachment.requestUpload({ name: 'a.txt', sizeBytes: 1 });
    await ask();
    await ask();
    expect(errorShape(await ask().catch((caught: unknown) => caught))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      reason: 'rate_limited',
    });
  });
});

describe('REST: a chat with a first message and files', () => {
  it('uploads for a user, confirms, creates the chat with the message; a replay sends nothing twice', async () => {
    const { createApiKey } = await import('@zatten/db');
    const { handleConfirmUpload, handleRequestUpload } = await import('../src/rest/attachments');
    const { handleCreateChat } = await import('../src/rest/chats');
    await seedUser(api.database, 'user_files_rest');
    const { key } = await withService(api.database, (tx) =>
      createApiKey(tx, { name: 'files', scopes: ['chats:create'], createdBy: null }),
    );
    const json = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const granted = await handleRequestUpload(
      new Request('http://localhost:3000/api/v1/attachments', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          userId: 'user_files_rest',
          name: 'scan.pdf',
          sizeBytes: samplePdf().byteLength,
        }),
      }),
      api.services,
    );
    expect(granted.status).toBe(201);
    const grant = (await granted.json()) as {
      attachment: { id: string };
      upload: { url: string; headers: Record<string, string> };
    };
    expect(
      (
        await store().handle(
          new Request(grant.upload.url, {
            method: 'PUT',
            headers: grant.upload.headers,
            body: samplePdf(),
          }),
        )
      ).status,
    ).toBe(200);
    const confirmed = await handleConfirmUpload(
      new Request(`http://localhost:3000/api/v1/attachments/${grant.attachment.id}/confirm`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      }),
      api.services,
      grant.attachment.id,
    );
    expect(await confirmed.json()).toMatchObject({
      mimeType: 'application/pdf',
      status: 'uploaded',
    });

    const create = () =>
      handleCreateChat(
        new Request('http://localhost:3000/api/v1/chats', {
          method: 'POST',
          headers: { ...json, 'idempotency-key': 'first-message-1' },
          body: JSON.stringify({
            userId: 'user_files_rest',
            title: 'Scanned invoice',
            message: { content: 'Summarise this', attachmentIds: [grant.attachment.id] },
          }),
        }),
        api.services,
      );
    const created = await create();
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      id: string;
      firstMessage: { id: string; replyId: string };
    };
    const reply = await waitForStatus(body.firstMessage.replyId, ['complete']);
    expect(reply.content).toBe('Test reply to: Summarise this [files: scan.pdf (file)]');

    const replayed = await create();
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replayed.json()) as typeof body).firstMessage).toEqual(body.firstMessage);
    const owner = userActor('user_files_rest');
    const page = await api.caller(owner).message.list({ chatId: body.id, limit: 10 });
    expect(page.items.filter((message) => message.role === 'user')).toHaveLength(1);
  });
});
