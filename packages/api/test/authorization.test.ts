// The authorization matrix: every procedure for an anonymous caller, the owner, another user, an
// admin and an API key. Nobody reads or changes another person's data.
import { appendMessage, createApiKey, withService } from '@zatten/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/actor';
import { handleLocalSignIn, handleLocalSignOut } from '../src/auth/local-routes';
import { handleConfirmUpload, handleRequestUpload } from '../src/rest/attachments';
import { handleCreateChat, handleGetChat } from '../src/rest/chats';
import { handleHealth } from '../src/rest/health';
import { handleOpenApiDocument, openApiDocument } from '../src/rest/openapi';
import { appRouter } from '../src/root';
import type { DiskObjectStore } from '../src/storage/disk';
import { handleStoredFileRequest } from '../src/storage/route';
import { handleClerkWebhook } from '../src/webhooks/clerk';
import { appRouteFiles } from './app-routes';
import { APP_URL, seedUser, useApi, userActor } from './helpers';

const api = useApi();
const owner = userActor('user_owner');
const other = userActor('user_other');
const admin = userActor('user_admin', 'admin@example.com');
const anonymous: Actor = { kind: 'anonymous' };
let apiKey: Actor;
let chatId: string;
let messageId: string;
let replyId: string;
let defaultAssistantId: string;

beforeAll(async () => {
  for (const id of ['user_owner', 'user_other']) await seedUser(api.database, id);
  await seedUser(api.database, 'user_admin', 'admin@example.com');
  const { apiKey: row } = await withService(api.database, (tx) =>
    createApiKey(tx, { name: 'matrix', scopes: ['chats:create', 'chats:read'], createdBy: null }),
  );
  apiKey = { kind: 'apiKey', apiKey: row };
  const chat = await api.caller(owner).chat.create({ title: 'Owner only' });
  chatId = chat.id;
  defaultAssistantId = chat.assistant_id;
  messageId = (
    await withService(api.database, (tx) =>
      appendMessage(tx, {
        chatId,
        userId: 'user_owner',
        role: 'user',
        content: 'mine',
        status: 'complete',
      }),
    )
  ).id;
  replyId = (
    await withService(api.database, (tx) =>
      appendMessage(tx, {
        chatId,
        userId: 'user_owner',
        role: 'assistant',
        content: 'an answer',
        status: 'complete',
      }),
    )
  ).id;
});

// issue 16: an uploaded file of the owner's, for the attachment rows of the matrix.
let attachmentId: string;
beforeAll(async () => {
  const { attachment, upload } = await api
    .caller(owner)
    .attachment.requestUpload({ name: 'owner.txt', sizeBytes: 5 });
  attachmentId = attachment.id;
  const disk = api.services.attachments.store as DiskObjectStore;
  await disk.handle(
    new Request(upload.url, { method: 'PUT', body: new TextEncoder().encode('hello') }),
  );
});

/** Opens a subscription, takes its first event (or its refusal), and closes it. */
async function firstEvent(subscription: Promise<AsyncIterable<unknown>>): Promise<void> {
  const iterator = (await subscription)[Symbol.asyncIterator]();
  try {
    await iterator.next();
  } finally {
    await iterator.return?.();
  }
}

type Outcome =
  | 'ok'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED';

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return (error as { code: Outcome }).code;
  }
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const matrixDraft = {
  name: 'Matrix',
  description: '',
  model: 'gpt-5-mini',
  instructions: '',
  temperature: null,
  maxOutputTokens: null,
  starterPrompts: [],
  visibility: 'everyone' as const,
  allowedUsers: [],
};

// Issue 17: a link of the owner's, for share.revoke.
let shareId: string;
beforeAll(async () => {
  shareId = (await api.caller(owner).share.create({ chatId })).id;
});

const calls: Record<string, (actor: Actor) => Promise<unknown>> = {
  'system.info': (a) => api.caller(a).system.info(),
  'me.get': (a) => api.caller(a).me.get(),
  'assistant.list': (a) => api.caller(a).assistant.list(),
  'chat.list': (a) => api.caller(a).chat.list({}),
  'chat.get': (a) => api.caller(a).chat.get({ id: chatId }),
  'chat.rename': (a) => api.caller(a).chat.rename({ id: chatId, title: 'Owner only' }),
  'message.list': (a) => api.caller(a).message.list({ chatId }),
  'message.get': (a) => api.caller(a).message.get({ id: messageId }),
  'message.send': (a) => api.caller(a).message.send({ chatId, content: 'hi' }),
  'apiKey.list': (a) => api.caller(a).apiKey.list(),
  'service.createChat': (a) =>
    api.caller(a).service.createChat({ chat: { userId: 'user_owner', title: 'From a system' } }),
  'chat.create': (a) => api.caller(a).chat.create({ title: 'Mine' }),
  'message.stream': (a) => firstEvent(api.caller(a).message.stream({ messageId: replyId })),
  'message.cancel': (a) => api.caller(a).message.cancel({ messageId: replyId }),
  'message.retry': (a) => api.caller(a).message.retry({ messageId: replyId }),
  'message.regenerate': async (a) => {
    await api.caller(a).message.regenerate({ chatId });
    await api.services.runs.drain();
  },
  'branch.siblings': (a) => api.caller(a).branch.siblings({ messageId }),
  'branch.edit': async (a) => {
    await api.caller(a).branch.edit({ messageId, content: 'mine, edited' });
    await api.services.runs.drain();
  },
  'branch.switch': (a) => api.caller(a).branch.switch({ messageId }),
  'events.user': (a) =>
    api
      .caller(a)
      .events.user({})
      .then((events) => events[Symbol.asyncIterator]().return?.()),
  'apiKey.create': (a) => api.caller(a).apiKey.create({ name: 'matrix' }),
  'apiKey.revoke': (a) =>
    api.caller(a).apiKey.revoke({ id: '00000000-0000-4000-8000-000000000000' }),
  'service.getChat': (a) => api.caller(a).service.getChat({ id: chatId }),
  'service.listChats': (a) => api.caller(a).service.listChats({ userId: 'user_owner' }),
  'assistant.byIds': (a) => api.caller(a).assistant.byIds({ ids: [defaultAssistantId] }),
  'chatSettings.setAssistant': (a) =>
    api.caller(a).chatSettings.setAssistant({ chatId, assistantId: defaultAssistantId }),
  'chatSettings.setPersonalInstructions': (a) =>
    api.caller(a).chatSettings.setPersonalInstructions({ chatId, enabled: true }),
  'personal.get': (a) => api.caller(a).personal.get(),
  'personal.save': (a) =>
    api.caller(a).personal.save({ aboutMe: 'Me', howToAnswer: '', enabled: true }),
  'usage.mine': (a) => api.caller(a).usage.mine({}),
  'admin.assistants.list': (a) => api.caller(a).admin.assistants.list(),
  'admin.assistants.history': (a) =>
    api.caller(a).admin.assistants.history({ id: defaultAssistantId }),
  'admin.assistants.create': (a) => api.caller(a).admin.assistants.create(matrixDraft),
  'admin.assistants.update': (a) =>
    api.caller(a).admin.assistants.update({ id: UNKNOWN_ID, draft: matrixDraft }),
  'admin.assistants.archive': (a) => api.caller(a).admin.assistants.archive({ id: UNKNOWN_ID }),
  'admin.assistants.restore': (a) => api.caller(a).admin.assistants.restore({ id: UNKNOWN_ID }),
  'admin.assistants.preview': (a) =>
    api.caller(a).admin.assistants.preview({ draft: matrixDraft, message: 'Hi' }),
  'admin.models.list': (a) => api.caller(a).admin.models.list(),
  'admin.usage.report': (a) => api.caller(a).admin.usage.report({}),
  'admin.usage.csv': (a) => api.caller(a).admin.usage.csv({}),
  'admin.budgets.get': (a) => api.caller(a).admin.budgets.get(),
  'admin.budgets.setDefault': (a) =>
    api.caller(a).admin.budgets.setDefault({ monthlyTokens: null }),
  'admin.budgets.setUser': (a) =>
    api
      .caller(a)
      .admin.budgets.setUser({ email: 'user_owner@example.com', monthlyTokens: 'default' }),
  'admin.overview.users': (a) => api.caller(a).admin.overview.users({}),
  'admin.overview.health': (a) => api.caller(a).admin.overview.health(),
  // issue 16: files in chats (the owner's file is uploaded in the beforeAll below).
  'attachment.limits': (a) => api.caller(a).attachment.limits(),
  'attachment.requestUpload': (a) =>
    api.caller(a).attachment.requestUpload({ name: 'a.txt', sizeBytes: 3 }),
  'attachment.confirm': (a) => api.caller(a).attachment.confirm({ id: attachmentId }),
  'attachment.list': (a) => api.caller(a).attachment.list({ chatId }),
  'service.requestUpload': (a) =>
    api.caller(a).service.requestUpload({ userId: 'user_owner', name: 'b.txt', sizeBytes: 2 }),
  'service.confirmUpload': (a) => api.caller(a).service.confirmUpload({ id: attachmentId }),
  'attachment.remove': (a) => api.caller(a).attachment.remove({ id: attachmentId }),
  // Issue 17: search, pin, archive and bulk delete (a chat of its own, so chat.delete still runs).
  'chat.search': (a) => api.caller(a).chat.search({ query: 'owner' }),
  'chat.pin': (a) => api.caller(a).chat.pin({ id: chatId, pinned: false }),
  'chat.archive': (a) => api.caller(a).chat.archive({ ids: [chatId], archived: false }),
  'chat.deleteMany': async (a) => {
    const extra = await api.caller(owner).chat.create({ title: 'Bulk' });
    return api.caller(a).chat.deleteMany({ ids: [extra.id] });
  },
  // Issue 17: feedback, share links, export and import.
  'feedback.set': (a) => api.caller(a).feedback.set({ messageId: replyId, rating: 'up' }),
  'feedback.inChat': (a) => api.caller(a).feedback.inChat({ chatId }),
  'admin.overview.feedback': (a) => api.caller(a).admin.overview.feedback(),
  'share.create': (a) => api.caller(a).share.create({ chatId }),
  'share.list': (a) => api.caller(a).share.list(),
  'share.revoke': (a) => api.caller(a).share.revoke({ id: shareId }),
  'portability.exportChat': (a) =>
    api.caller(a).portability.exportChat({ chatId, format: 'markdown' }),
  'portability.exportAll': (a) => api.caller(a).portability.exportAll(),
  // Imports always land in the caller's own account: nobody can import into another's.
  'portability.importChatGpt': (a) =>
    api.caller(a).portability.importChatGpt({
      conversations: [{ id: 'matrix', title: 'Matrix', mapping: {} }],
    }),
  'portability.importArchive': (a) =>
    api.caller(a).portability.importArchive({
      format: 'zatten-chat-archive',
      version: 1,
      chats: [{ id: 'matrix', title: 'Matrix', active_leaf_id: null, messages: [] }],
    }),
  'chat.delete': (a) => api.caller(a).chat.delete({ id: chatId }),
};

// What each actor gets; `ok` for the owner means their own chat.
const expected: Record<string, Record<string, Outcome>> = {
  // Public by design: it says how to sign in, so it answers before anyone has.
  'system.info': { anonymous: 'ok', owner: 'ok', other: 'ok', admin: 'ok', apiKey: 'ok' },
  'me.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'assistant.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.rename': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.send': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'apiKey.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'service.createChat': {
    anonymous: 'UNAUTHORIZED',
    owner: 'UNAUTHORIZED',
    other: 'UNAUTHORIZED',
    admin: 'UNAUTHORIZED',
    apiKey: 'ok',
  },
  'chat.create': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'message.stream': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.cancel': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.retry': {
    anonymous: 'UNAUTHORIZED',
    owner: 'CONFLICT',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'message.regenerate': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'branch.siblings': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'branch.edit': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'branch.switch': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'events.user': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'apiKey.create': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'apiKey.revoke': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'service.getChat': {
    anonymous: 'UNAUTHORIZED',
    owner: 'UNAUTHORIZED',
    other: 'UNAUTHORIZED',
    admin: 'UNAUTHORIZED',
    apiKey: 'ok',
  },
  'service.listChats': {
    anonymous: 'UNAUTHORIZED',
    owner: 'UNAUTHORIZED',
    other: 'UNAUTHORIZED',
    admin: 'UNAUTHORIZED',
    apiKey: 'ok',
  },

  'assistant.byIds': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chatSettings.setAssistant': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'chatSettings.setPersonalInstructions': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'personal.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'personal.save': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'usage.mine': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.history': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.create': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.update': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.archive': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.restore': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.assistants.preview': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'PRECONDITION_FAILED',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.models.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.usage.report': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.usage.csv': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.budgets.get': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.budgets.setDefault': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.budgets.setUser': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.overview.users': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.overview.health': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  // issue 16: files in chats.
  'attachment.limits': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'attachment.requestUpload': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'attachment.confirm': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'attachment.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'service.requestUpload': {
    anonymous: 'UNAUTHORIZED',
    owner: 'UNAUTHORIZED',
    other: 'UNAUTHORIZED',
    admin: 'UNAUTHORIZED',
    apiKey: 'ok',
  },
  'service.confirmUpload': {
    anonymous: 'UNAUTHORIZED',
    owner: 'UNAUTHORIZED',
    other: 'UNAUTHORIZED',
    admin: 'UNAUTHORIZED',
    apiKey: 'ok',
  },
  'attachment.remove': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  // Issue 17: a search answers everyone signed in, with their own chats only.
  'chat.search': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.pin': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.archive': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.deleteMany': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  // Issue 17: feedback, share links, export and import.
  'feedback.set': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'feedback.inChat': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'admin.overview.feedback': {
    anonymous: 'UNAUTHORIZED',
    owner: 'FORBIDDEN',
    other: 'FORBIDDEN',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'share.create': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'share.list': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'share.revoke': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'portability.exportChat': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
  'portability.exportAll': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'portability.importChatGpt': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'portability.importArchive': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'ok',
    admin: 'ok',
    apiKey: 'UNAUTHORIZED',
  },
  'chat.delete': {
    anonymous: 'UNAUTHORIZED',
    owner: 'ok',
    other: 'NOT_FOUND',
    admin: 'NOT_FOUND',
    apiKey: 'UNAUTHORIZED',
  },
};

describe('authorization matrix', () => {
  it('has a row for every procedure of appRouter (a new procedure needs one)', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(calls).sort()).toEqual(procedures);
    expect(Object.keys(expected).sort()).toEqual(procedures);
  });

  // Order matters only for chat.delete, which runs last (the owner's call removes the chat).
  for (const [name, call] of Object.entries(calls)) {
    it(name, async () => {
      const actors: Record<string, Actor> = { anonymous, other, admin, apiKey, owner };
      const got: Record<string, Outcome> = {};
      for (const [label, actor] of Object.entries(actors))
        got[label] = await outcome(() => call(actor));
      expect(got).toEqual(expected[name]);
      if (name === 'message.send') await api.services.runs.drain();
    });
  }

  it("never lists another person's chats", async () => {
    await api.caller(owner).chat.create({ title: 'Private' });
    const page = await api.caller(other).chat.list({ limit: 100 });
    expect(page.items.every((chat) => chat.user_id === 'user_other')).toBe(true);
  });

  it('lets an admin create, list and revoke API keys, showing the secret once', async () => {
    const { key, apiKey: created } = await api.caller(admin).apiKey.create({ name: 'Zapier' });
    expect(key).toMatch(/^zk_/);
    const listed = await api.caller(admin).apiKey.list();
    expect(listed.find((k) => k.id === created.id)).not.toHaveProperty('hash');
    expect(JSON.stringify(listed)).not.toContain(key);
    const revoked = await api.caller(admin).apiKey.revoke({ id: created.id });
    expect(revoked.revoked_at).not.toBeNull();
  });
});

describe('the matrix covers every procedure', () => {
  it('has a row for each procedure of the app router', async () => {
    const { appRouter } = await import('../src/root');
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(expected).sort()).toEqual(procedures);
  });
});

/** Who calls a REST route: nobody, a person's session token, or API keys with each scope. */
type RestCaller = 'anonymous' | 'session' | 'createKey' | 'readKey' | 'bothKeys';

describe('REST authorization matrix', () => {
  const bearer: Partial<Record<RestCaller, string>> = {};
  let restChatId: string;
  let restAttachmentId: string;

  beforeAll(async () => {
    const keyWith = async (scopes: Array<'chats:create' | 'chats:read'>) =>
      (
        await withService(api.database, (tx) =>
          createApiKey(tx, { name: scopes.join(' '), scopes, createdBy: null }),
        )
      ).key;
    bearer.session = await api.clerk.sign({ sub: 'user_owner' });
    bearer.createKey = await keyWith(['chats:create']);
    bearer.readKey = await keyWith(['chats:read']);
    bearer.bothKeys = await keyWith(['chats:create', 'chats:read']);
    restChatId = (await api.caller(owner).chat.create({ title: 'For REST' })).id;
    const { attachment, upload } = await api
      .caller(owner)
      .attachment.requestUpload({ name: 'rest.txt', sizeBytes: 4 });
    restAttachmentId = attachment.id;
    await (api.services.attachments.store as DiskObjectStore).handle(
      new Request(upload.url, { method: 'PUT', body: new TextEncoder().encode('rest') }),
    );
  });

  function headers(who: RestCaller): Record<string, string> {
    const token = bearer[who];
    return {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  const routes: Record<string, (who: RestCaller) => Promise<Response>> = {
    'POST /api/v1/chats': (who) =>
      handleCreateChat(
        new Request(`${APP_URL}/api/v1/chats`, {
          method: 'POST',
          headers: headers(who),
          body: JSON.stringify({ userId: 'user_owner', title: 'Via REST' }),
        }),
        api.services,
      ),
    // issue 16: uploads for a chat's first message.
    'POST /api/v1/attachments': (who) =>
      handleRequestUpload(
        new Request(`${APP_URL}/api/v1/attachments`, {
          method: 'POST',
          headers: headers(who),
          body: JSON.stringify({ userId: 'user_owner', name: 'r.txt', sizeBytes: 2 }),
        }),
        api.services,
      ),
    'POST /api/v1/attachments/{id}/confirm': (who) =>
      handleConfirmUpload(
        new Request(`${APP_URL}/api/v1/attachments/${restAttachmentId}/confirm`, {
          method: 'POST',
          headers: headers(who),
        }),
        api.services,
        restAttachmentId,
      ),
    'GET /api/v1/chats/{id}': (who) =>
      handleGetChat(
        new Request(`${APP_URL}/api/v1/chats/${restChatId}`, { headers: headers(who) }),
        api.services,
        restChatId,
      ),
  };

  const statuses: Record<string, Record<RestCaller, number>> = {
    'POST /api/v1/chats': {
      anonymous: 401,
      session: 401,
      createKey: 201,
      readKey: 403,
      bothKeys: 201,
    },
    'POST /api/v1/attachments': {
      anonymous: 401,
      session: 401,
      createKey: 201,
      readKey: 403,
      bothKeys: 201,
    },
    'POST /api/v1/attachments/{id}/confirm': {
      anonymous: 401,
      session: 401,
      createKey: 200,
      readKey: 403,
      bothKeys: 200,
    },
    'GET /api/v1/chats/{id}': {
      anonymous: 401,
      session: 401,
      createKey: 403,
      readKey: 200,
      bothKeys: 200,
    },
  };

  it('has a row for every operation of the OpenAPI document', () => {
    const operations = Object.entries(openApiDocument(APP_URL).paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(Object.keys(routes).sort()).toEqual(operations.sort());
    expect(Object.keys(statuses).sort()).toEqual(operations.sort());
  });

  for (const [route, call] of Object.entries(routes)) {
    it(route, async () => {
      const got: Record<string, number> = {};
      for (const who of Object.keys(statuses[route] ?? {}) as RestCaller[]) {
        got[who] = (await call(who)).status;
      }
      expect(got).toEqual(statuses[route]);
    });
  }
});

// issue 12: the routes outside the OpenAPI document. Their authority is not a Bearer credential
// (public, a signed URL, a same-origin JSON request, a webhook signature): every caller gets the
// same answer, and a credential opens nothing. With the tRPC endpoint (the procedure matrix above)
// and the REST rows, every route file of the web app has a row.
describe('authorization of the other routes the app serves', () => {
  const bearer: Partial<Record<RestCaller, string>> = {};
  let objectKey: string;

  beforeAll(async () => {
    bearer.session = await api.clerk.sign({ sub: 'user_owner' });
    bearer.bothKeys = (
      await withService(api.database, (tx) =>
        createApiKey(tx, {
          name: 'other routes',
          scopes: ['chats:create', 'chats:read'],
          createdBy: null,
        }),
      )
    ).key;
    const { upload } = await api
      .caller(owner)
      .attachment.requestUpload({ name: 'other.txt', sizeBytes: 5 });
    objectKey = new URL(upload.url).searchParams.get('key') as string;
    await (api.services.attachments.store as DiskObjectStore).handle(
      new Request(upload.url, { method: 'PUT', body: new TextEncoder().encode('other') }),
    );
  });

  const withCaller = (who: RestCaller, headers: Record<string, string> = {}) => {
    const token = bearer[who];
    return { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  /** The object route with a URL signed for the other method: a credential does not help. */
  const wrongMethodUrl = async (method: 'GET' | 'PUT') => {
    const store = api.services.attachments.store as DiskObjectStore;
    return method === 'GET'
      ? (await store.createUploadUrl(objectKey, { contentType: 'text/plain' })).url
      : await store.createDownloadUrl(objectKey, { expiresInSeconds: 60 });
  };

  const routes: Record<string, (who: RestCaller) => Promise<Response> | Response> = {
    'GET /api/health': () => handleHealth(api.services),
    'GET /api/v1/openapi.json': () => handleOpenApiDocument(APP_URL),
    'GET /api/files/object': async (who) =>
      handleStoredFileRequest(
        api.services,
        new Request(await wrongMethodUrl('GET'), { headers: withCaller(who) }),
      ),
    'HEAD /api/files/object': async (who) =>
      handleStoredFileRequest(
        api.services,
        new Request(await wrongMethodUrl('GET'), { method: 'HEAD', headers: withCaller(who) }),
      ),
    'PUT /api/files/object': async (who) =>
      handleStoredFileRequest(
        api.services,
        new Request(await wrongMethodUrl('PUT'), {
          method: 'PUT',
          headers: withCaller(who),
          body: 'overwrite',
        }),
      ),
    // Local sign-in is off in this fixture (NODE_ENV=test without LOCAL_SIGN_IN): refused to all.
    'POST /api/auth/local': (who) =>
      handleLocalSignIn(
        new Request(`${APP_URL}/api/auth/local`, {
          method: 'POST',
          headers: withCaller(who, { 'content-type': 'application/json' }),
          body: JSON.stringify({ name: 'Ana', email: 'ana@example.com' }),
        }),
        api.services,
      ),
    'DELETE /api/auth/local': (who) =>
      handleLocalSignOut(
        new Request(`${APP_URL}/api/auth/local`, { method: 'DELETE', headers: withCaller(who) }),
        api.services,
      ),
    // No signing secret in this fixture: the route is off (its signatures: webhooks.test.ts).
    'POST /api/webhooks/clerk': (who) =>
      handleClerkWebhook(
        new Request(`${APP_URL}/api/webhooks/clerk`, {
          method: 'POST',
          headers: withCaller(who, { 'content-type': 'application/json' }),
          body: JSON.stringify({ type: 'user.deleted', data: { id: 'user_owner' } }),
        }),
        api.services,
      ),
  };

  const everyone = (status: number): Partial<Record<RestCaller, number>> => ({
    anonymous: status,
    session: status,
    bothKeys: status,
  });
  const statuses: Record<string, Partial<Record<RestCaller, number>>> = {
    'GET /api/health': everyone(200),
    'GET /api/v1/openapi.json': everyone(200),
    'GET /api/files/object': everyone(403),
    'HEAD /api/files/object': everyone(403),
    'PUT /api/files/object': everyone(403),
    'POST /api/auth/local': everyone(403),
    'DELETE /api/auth/local': everyone(204),
    'POST /api/webhooks/clerk': everyone(404),
  };

  it('with the REST matrix and the tRPC endpoint, has a row for every route file', () => {
    const rest = Object.entries(openApiDocument(APP_URL).paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const trpc = ['GET /api/trpc/{trpc}', 'POST /api/trpc/{trpc}'];
    expect([...Object.keys(routes), ...rest, ...trpc].sort()).toEqual(appRouteFiles());
    expect(Object.keys(statuses).sort()).toEqual(Object.keys(routes).sort());
  });

  for (const [route, call] of Object.entries(routes)) {
    it(route, async () => {
      const got: Partial<Record<RestCaller, number>> = {};
      for (const who of Object.keys(statuses[route] ?? {}) as RestCaller[]) {
        got[who] = (await call(who)).status;
      }
      expect(got).toEqual(statuses[route]);
    });
  }
});
