// The assistants console on real Postgres: create, edit, archive and restore with validation,
// the change history (who, when, what), visibility by email or domain, instructions never shown
// to non-admins, the picker in an existing chat, and the model list from the provider (cached).
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
beforeAll(async () => {
  openai = await startOpenAITestServer({ models: ['gpt-5', 'gpt-5-mini', 'o4-mini'] });
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  sendsPerMinute: 1000,
});
const admin = userActor('user_admin', 'admin@example.com');
const ana = userActor('user_ana', 'ana@acme.test');
const bea = userActor('user_bea', 'bea@acme.test');
const carl = userActor('user_carl', 'carl@other.test');

beforeAll(async () => {
  await seedUser(api.database, 'user_admin', 'admin@example.com');
  await seedUser(api.database, 'user_ana', 'ana@acme.test');
  await seedUser(api.database, 'user_bea', 'bea@acme.test');
  await seedUser(api.database, 'user_carl', 'carl@other.test');
});

const draft = {
  name: 'Legal helper',
  description: 'Reads contracts',
  model: 'gpt-5',
  instructions: 'SECRET-INSTRUCTIONS: answer as a careful lawyer.',
  temperature: 0.3,
  maxOutputTokens: 2000,
  starterPrompts: ['Summarise this contract', 'What are the risks?'],
  visibility: 'everyone' as const,
  allowedUsers: [],
};

async function code(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('assistants console', () => {
  it('creates, edits, archives and restores, recording who changed what', async () => {
    const created = await api.caller(admin).admin.assistants.create(draft);
    expect(created).toMatchObject({ name: 'Legal helper', slug: 'legal-helper', model: 'gpt-5' });
    const updated = await api.caller(admin).admin.assistants.update({
      id: created.id,
      draft: { ...draft, model: 'gpt-5-mini', temperature: 1 },
    });
    expect(updated.model).toBe('gpt-5-mini');
    await api.caller(admin).admin.assistants.archive({ id: created.id });
    await api.caller(admin).admin.assistants.restore({ id: created.id });

    const history = await api.caller(admin).admin.assistants.history({ id: created.id });
    expect(history.map((change) => change.action)).toEqual([
      'restore',
      'archive',
      'update',
      'create',
    ]);
    expect(history.every((change) => change.changed_by_email === 'admin@example.com')).toBe(true);
    const update = history[2]?.changes as Record<string, { from: unknown; to: unknown }>;
    expect(update).toEqual({
      model: { from: 'gpt-5', to: 'gpt-5-mini' },
      temperature: { from: 0.3, to: 1 },
    });
  });

  it('gives a second assistant with the same name its own slug', async () => {
    const again = await api.caller(admin).admin.assistants.create(draft);
    expect(again.slug).toBe('legal-helper-2');
  });

  it('refuses bad drafts with a precise 400 naming the field', async () => {
    const bad = [
      { ...draft, name: '  ' },
      { ...draft, model: 'gpt 5; drop table' },
      { ...draft, temperature: 3 },
      { ...draft, maxOutputTokens: 0 },
      { ...draft, starterPrompts: ['two\nlines'] },
      { ...draft, starterPrompts: ['1', '2', '3', '4', '5', '6', '7'] },
      { ...draft, visibility: 'restricted' as const, allowedUsers: [] },
      { ...draft, visibility: 'restricted' as const, allowedUsers: ['not an email'] },
    ];
    for (const input of bad) {
      expect(await code(() => api.caller(admin).admin.assistants.create(input))).toBe(
        'BAD_REQUEST',
      );
    }
  });

  it('will not archive the default assistant', async () => {
    const all = await api.caller(admin).admin.assistants.list();
    const fallback = all.find((assistant) => assistant.is_default);
    expect(fallback).toBeDefined();
    expect(
      await code(() => api.caller(admin).admin.assistants.archive({ id: fallback?.id ?? '' })),
    ).toBe('CONFLICT');
  });
});

describe('who may use an assistant', () => {
  it('shows a restricted assistant only to the listed emails and domains', async () => {
    const byDomain = await api.caller(admin).admin.assistants.create({
      ...draft,
      name: 'Acme only',
      visibility: 'restricted',
      allowedUsers: ['ACME.test'],
    });
    const byEmail = await api.caller(admin).admin.assistants.create({
      ...draft,
      name: 'Carl only',
      visibility: 'restricted',
      allowedUsers: ['carl@other.test'],
    });
    const names = async (actor: typeof ana) =>
      (await api.caller(actor).assistant.list()).map((assistant) => assistant.id);
    expect(await names(ana)).toContain(byDomain.id);
    expect(await names(ana)).not.toContain(byEmail.id);
    expect(await names(carl)).toContain(byEmail.id);
    expect(await names(carl)).not.toContain(byDomain.id);

    // Not by id either: creating a chat with it is refused as unknown.
    expect(await code(() => api.caller(carl).chat.create({ assistantId: byDomain.id }))).toBe(
      'NOT_FOUND',
    );
  });

  it('never returns instructions or the allowed list to people', async () => {
    const listed = await api.caller(ana).assistant.list();
    expect(listed.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain('SECRET-INSTRUCTIONS');
    for (const assistant of listed) {
      expect(assistant).not.toHaveProperty('instructions');
      expect(assistant).not.toHaveProperty('allowed_users');
    }
    const admins = await api.caller(admin).admin.assistants.list();
    expect(JSON.stringify(admins)).toContain('SECRET-INSTRUCTIONS');
  });
});

describe('the picker in an existing chat', () => {
  it('answers the next message with the new assistant and keeps the old one on earlier replies', async () => {
    const second = await api.caller(admin).admin.assistants.create({
      ...draft,
      name: 'Poet',
      model: 'o4-mini',
      instructions: 'Answer in verse.',
    });
    const chat = await api.caller(bea).chat.create({});
    const first = await api.caller(bea).message.send({ chatId: chat.id, content: 'First' });
    await api.services.runs.drain();
    await api.caller(bea).chatSettings.setAssistant({ chatId: chat.id, assistantId: second.id });
    const next = await api.caller(bea).message.send({ chatId: chat.id, content: 'Second' });
    await api.services.runs.drain();

    const requests = openai.responsesRequests.filter((request) => {
      const body = request.body as { input?: unknown; stream?: unknown };
      return body.stream === true && JSON.stringify(body.input).match(/First|Second/);
    });
    const bodies = requests.map(
      (request) => request.body as { model: string; instructions: string },
    );
    expect(bodies.map((body) => body.model)).toEqual(['gpt-5-mini', 'o4-mini']);
    expect(bodies[1]?.instructions).toContain('Answer in verse.');

    const messages = (await api.caller(bea).message.list({ chatId: chat.id })).items;
    const replies = messages.filter((message) => message.role === 'assistant');
    expect(replies.map((reply) => reply.id)).toEqual([
      first.assistantMessage.id,
      next.assistantMessage.id,
    ]);
    expect(replies[0]?.assistant_id).not.toBe(second.id);
    expect(replies[1]?.assistant_id).toBe(second.id);

    // Archived later, the old chat still names it.
    await api.caller(admin).admin.assistants.archive({ id: second.id });
    const named = await api.caller(bea).assistant.byIds({ ids: [second.id] });
    expect(named.map((assistant) => assistant.name)).toEqual(['Poet']);
    expect(JSON.stringify(named)).not.toContain('Answer in verse.');
    // ...but the chat cannot send to it any more, before any upstream call.
    const before = openai.responsesRequests.length;
    expect(
      await code(() => api.caller(bea).message.send({ chatId: chat.id, content: 'Third' })),
    ).toBe('FORBIDDEN');
    expect(openai.responsesRequests.length).toBe(before);
  });

  // Issue 13: a process keeps assistants' full rows by version; an edit must reach the next reply.
  it('answers with the edited instructions right after an edit (no stale settings)', async () => {
    const tutor = await api.caller(admin).admin.assistants.create({
      ...draft,
      name: 'Tutor',
      instructions: 'TUTOR-V1: explain step by step.',
    });
    const chat = await api.caller(bea).chat.create({ assistantId: tutor.id });
    const instructionsFor = (content: string) =>
      openai.responsesRequests
        .map(
          (request) => request.body as { input?: unknown; stream?: unknown; instructions?: string },
        )
        .filter((body) => body.stream === true && JSON.stringify(body.input).includes(content))
        .map((body) => body.instructions ?? '');
    await api.caller(bea).message.send({ chatId: chat.id, content: 'tutor-one' });
    await api.services.runs.drain();
    await api.caller(bea).message.send({ chatId: chat.id, content: 'tutor-two' });
    await api.services.runs.drain();
    await api.caller(admin).admin.assistants.update({
      id: tutor.id,
      draft: { ...draft, name: 'Tutor', instructions: 'TUTOR-V2: answer in one line.' },
    });
    await api.caller(bea).message.send({ chatId: chat.id, content: 'tutor-three' });
    await api.services.runs.drain();

    expect(instructionsFor('tutor-one')[0]).toContain('TUTOR-V1');
    expect(instructionsFor('tutor-two')[0]).toContain('TUTOR-V1');
    const third = instructionsFor('tutor-three');
    expect(third.at(-1)).toContain('TUTOR-V2');
    expect(third.at(-1)).not.toContain('TUTOR-V1');
  });

  it("refuses an assistant the person may not use, and another person's chat", async () => {
    const closed = await api.caller(admin).admin.assistants.create({
      ...draft,
      name: 'Closed',
      visibility: 'restricted',
      allowedUsers: ['carl@other.test'],
    });
    const chat = await api.caller(ana).chat.create({});
    expect(
      await code(() =>
        api.caller(ana).chatSettings.setAssistant({ chatId: chat.id, assistantId: closed.id }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await code(() =>
        api.caller(carl).chatSettings.setAssistant({ chatId: chat.id, assistantId: closed.id }),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('the model list', () => {
  it('comes from the provider and is cached', async () => {
    const first = await api.caller(admin).admin.models.list();
    expect(first).toMatchObject({ reachable: true, models: ['gpt-5', 'gpt-5-mini', 'o4-mini'] });
    const calls = () => openai.requests.filter((request) => request.path === '/v1/models').length;
    const seen = calls();
    await api.caller(admin).admin.models.list();
    expect(calls()).toBe(seen);
  });
});
