// The local realtime relay as a tRPC subscription: a person receives their own topic only, and a
// reconnect with the last event id misses nothing.
import { describe, expect, it } from 'vitest';
import { collect, seedUser, useApi, userActor } from './helpers';

const api = useApi();
const ana = userActor('user_ev_ana');
const bob = userActor('user_ev_bob');

type Item = { event: string; payload: { table: string; id: string; op: string } };

describe('events.user', () => {
  it("delivers the caller's own events only", async () => {
    await seedUser(api.database, 'user_ev_ana');
    await seedUser(api.database, 'user_ev_bob');
    const controller = new AbortController();
    const anaEvents = await api.caller(ana).events.user({});
    const bobEvents = await api.caller(bob, controller.signal).events.user({});
    const anaSeen = collect<Item>(anaEvents, (_d, all) => all.length >= 2);
    const bobSeen = collect<Item>(bobEvents, () => false, { timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const chat = await api.caller(ana).chat.create({ title: 'Mine' });
    await api.caller(ana).chat.rename({ id: chat.id, title: 'Still mine' });
    const seen = await anaSeen;
    expect(seen.map((s) => s.data.event)).toEqual(['chats.insert', 'chats.update']);
    expect(seen.every((s) => /^\d+$/.test(s.id))).toBe(true);
    // Give Bob's subscription time to (wrongly) receive them, then end it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    expect(await bobSeen).toEqual([]);
  });

  it('resumes from the last event id', async () => {
    const first = await api.caller(ana).events.user({});
    const head = collect<Item>(first, (_d, all) => all.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const chat = await api.caller(ana).chat.create({ title: 'A' });
    const [seen] = await head;
    // While disconnected, two more changes happen.
    await api.caller(ana).chat.rename({ id: chat.id, title: 'B' });
    await api.caller(ana).chat.delete({ id: chat.id });
    const resumed = await api.caller(ana).events.user({ lastEventId: seen?.id });
    const rest = await collect<Item>(resumed, (_d, all) => all.length >= 2);
    expect(rest.map((r) => r.data.event)).toEqual(['chats.update', 'chats.delete']);
    expect(rest.every((r) => BigInt(r.id) > BigInt(seen?.id ?? 0))).toBe(true);
  });

  it('resumes from the last event id while another stream of the same person is open', async () => {
    // The other tab's stream keeps the topic open, so its position is past what this one missed.
    const controller = new AbortController();
    const otherTab = collect<Item>(
      await api.caller(ana, controller.signal).events.user({}),
      () => false,
    ).catch(() => []);
    const probe = collect<Item>(
      await api.caller(ana).events.user({}),
      (_d, all) => all.length >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const chat = await api.caller(ana).chat.create({ title: 'Tab A' });
    await api.caller(ana).chat.rename({ id: chat.id, title: 'Tab B' });
    const [first] = await probe;
    const resumed = await api.caller(ana).events.user({ lastEventId: first?.id });
    const missed = await collect<Item>(resumed, (_d, all) => all.length >= 1, {
      timeoutMs: 2000,
    }).catch(() => []);
    controller.abort();
    await otherTab;
    expect(missed.map((m) => m.data.event)).toEqual(['chats.update']);
  });

  it('refuses a last event id that is not a number with its validation message', async () => {
    // Not BigInt's SyntaxError text ("Cannot convert x to a BigInt").
    await expect(api.caller(ana).events.user({ lastEventId: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('must be an event id this API sent'),
    });
  });

  it('refuses anonymous callers', async () => {
    await expect(api.caller({ kind: 'anonymous' }).events.user({})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
