// Personal instructions reaching the upstream request (recorded by the OpenAI test server),
// the usage ledger and its CSV, and monthly token budgets enforced in the transaction that
// starts a run: over budget nothing is sent upstream, and concurrent sends overshoot by at most
// one reply.
import { createAssistantRunner } from '@zatten/ai';
import { type OpenAITestServer, startOpenAITestServer } from '@zatten/ai/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser, useApi, userActor } from './helpers';

let openai: OpenAITestServer;
beforeAll(async () => {
  openai = await startOpenAITestServer();
});
afterAll(() => openai.close());

const api = useApi({
  runner: () => createAssistantRunner({ apiKey: 'test-key', baseURL: openai.url }),
  sendsPerMinute: 1000,
});
const admin = userActor('user_admin', 'admin@example.com');
const ana = userActor('user_ana', 'ana@example.com');
const bia = userActor('user_bia', 'bia@example.com');
const caio = userActor('user_caio', 'caio@example.com');

beforeAll(async () => {
  await seedUser(api.database, 'user_admin', 'admin@example.com');
  await seedUser(api.database, 'user_ana', 'ana@example.com');
  await seedUser(api.database, 'user_bia', 'bia@example.com');
  await seedUser(api.database, 'user_caio', 'caio@example.com');
});

async function code(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

function streamedRequestFor(text: string) {
  const request = openai.responsesRequests.find((r) => {
    const body = r.body as { stream?: unknown; input?: unknown };
    return body.stream === true && JSON.stringify(body.input).includes(text);
  });
  return request?.body as { instructions: string; model: string } | undefined;
}

describe('personal instructions', () => {
  it('reach the upstream request on top of the assistant instructions', async () => {
    await api.caller(ana).personal.save({
      aboutMe: 'I am a nurse in Recife.',
      howToAnswer: 'Answer briefly, in Portuguese.',
      enabled: true,
    });
    const chat = await api.caller(ana).chat.create({});
    await api.caller(ana).message.send({ chatId: chat.id, content: 'ping-personal-1' });
    await api.services.runs.drain();
    const body = streamedRequestFor('ping-personal-1');
    expect(body?.instructions).toMatch(/^You are Zatten/);
    expect(body?.instructions).toContain('I am a nurse in Recife.');
    expect(body?.instructions).toContain('Answer briefly, in Portuguese.');
  });

  it('are left out when switched off in one chat, or everywhere', async () => {
    const chat = await api.caller(ana).chat.create({});
    await api.caller(ana).chatSettings.setPersonalInstructions({ chatId: chat.id, enabled: false });
    await api.caller(ana).message.send({ chatId: chat.id, content: 'ping-personal-2' });
    await api.services.runs.drain();
    expect(streamedRequestFor('ping-personal-2')?.instructions).not.toContain('nurse');

    await api.caller(ana).personal.save({
      aboutMe: 'I am a nurse in Recife.',
      howToAnswer: '',
      enabled: false,
    });
    const other = await api.caller(ana).chat.create({});
    await api.caller(ana).message.send({ chatId: other.id, content: 'ping-personal-3' });
    await api.services.runs.drain();
    expect(streamedRequestFor('ping-personal-3')?.instructions).not.toContain('nurse');
  });

  it('are limited in length and private to their author', async () => {
    expect(
      await code(() =>
        api
          .caller(ana)
          .personal.save({ aboutMe: 'x'.repeat(1501), howToAnswer: '', enabled: true }),
      ),
    ).toBe('BAD_REQUEST');
    expect((await api.caller(bia).personal.get()).aboutMe).toBe('');
  });
});

describe('usage', () => {
  it('shows a person their month by day and assistant, and admins everyone with a CSV', async () => {
    const mine = await api.caller(ana).usage.mine({});
    expect(mine.total.replies).toBe(3);
    expect(mine.total.totalTokens).toBeGreaterThan(0);
    expect(mine.byDay).toHaveLength(1);
    expect(mine.byAssistant.map((row) => row.name)).toEqual(['Zatten']);
    expect(mine.budget).toEqual({ budget: null, used: mine.total.totalTokens });

    // Deleting the chats does not give the tokens back.
    for (const chat of (await api.caller(ana).chat.list({})).items) {
      await api.caller(ana).chat.delete({ id: chat.id });
    }
    expect((await api.caller(ana).usage.mine({})).total.totalTokens).toBe(mine.total.totalTokens);

    const report = await api.caller(admin).admin.usage.report({});
    expect(report.byUser.find((row) => row.email === 'ana@example.com')?.totalTokens).toBe(
      mine.total.totalTokens,
    );
    const { csv, filename } = await api.caller(admin).admin.usage.csv({});
    expect(filename).toMatch(/^zatten-usage-\d{4}-\d{2}\.csv$/);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('month,email,assistant,replies,input_tokens,output_tokens,total_tokens');
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`,ana@example.com,Zatten,3,\\d+,\\d+,${mine.total.totalTokens}$`),
      ),
    );
    expect(await code(() => api.caller(ana).admin.usage.csv({}))).toBe('FORBIDDEN');
  });
});

describe('monthly token budgets', () => {
  it('refuse a send over budget before any upstream call, with a clear message', async () => {
    await api.caller(admin).admin.budgets.setUser({ email: 'bia@example.com', monthlyTokens: 5 });
    const chat = await api.caller(bia).chat.create({});
    await api.caller(bia).message.send({ chatId: chat.id, content: 'ping-budget-1' });
    await api.services.runs.drain();
    const { budget } = await api.caller(bia).usage.mine({});
    expect(budget.budget).toBe(5);
    expect(budget.used).toBeGreaterThanOrEqual(5);

    const before = openai.requests.length;
    let refusal: { code?: string; message?: string } = {};
    try {
      await api.caller(bia).message.send({ chatId: chat.id, content: 'ping-budget-2' });
    } catch (error) {
      refusal = error as typeof refusal;
    }
    expect(refusal.code).toBe('FORBIDDEN');
    expect(refusal.message).toMatch(/monthly token budget/);
    expect(openai.requests.length).toBe(before);
    // Nothing half-stored: the refused question is not in the chat.
    const messages = (await api.caller(bia).message.list({ chatId: chat.id })).items;
    expect(messages.map((m) => m.content)).not.toContain('ping-budget-2');

    // Raising the budget lets her send again.
    await api.caller(admin).admin.budgets.setUser({
      email: 'bia@example.com',
      monthlyTokens: null,
    });
    await api.caller(bia).message.send({ chatId: chat.id, content: 'ping-budget-3' });
    await api.services.runs.drain();
  });

  it('lets concurrent sends start at most one reply under a budget', async () => {
    await api.caller(admin).admin.budgets.setDefault({ monthlyTokens: 1000 });
    const chats = await Promise.all(
      Array.from({ length: 6 }, () => api.caller(caio).chat.create({})),
    );
    const outcomes = await Promise.all(
      chats.map((chat, i) =>
        code(() =>
          // Slow replies: the first stays in flight while the others try, whatever the timing.
          api.caller(caio).message.send({ chatId: chat.id, content: `race ${i} [[slow]]` }),
        ),
      ),
    );
    await api.services.runs.drain();
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'FORBIDDEN')).toHaveLength(5);
    const { budget, total } = await api.caller(caio).usage.mine({});
    expect(total.replies).toBe(1);
    expect(budget).toMatchObject({ budget: 1000 });
    await api.caller(admin).admin.budgets.setDefault({ monthlyTokens: null });
  });

  it('are admin-only to read and set', async () => {
    expect(await code(() => api.caller(ana).admin.budgets.get())).toBe('FORBIDDEN');
    expect(
      await code(() =>
        api.caller(ana).admin.budgets.setUser({ email: 'ana@example.com', monthlyTokens: null }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await code(() =>
        api.caller(admin).admin.budgets.setUser({ email: 'nobody@example.com', monthlyTokens: 1 }),
      ),
    ).toBe('NOT_FOUND');
  });
});
