// The divider goes before the question the new assistant answered, once per change.
import { describe, expect, it } from 'vitest';
import type { Message } from '~/lib/chats/types';
import { assistantChanges } from './assistant-changes';

const m = (id: string, role: 'user' | 'assistant', assistant_id: string | null = null) =>
  ({ id, role, assistant_id }) as Message;

describe('assistantChanges', () => {
  it('marks the question before the first reply of a new assistant', () => {
    const messages = [
      m('q1', 'user'),
      m('r1', 'assistant', 'a'),
      m('q2', 'user'),
      m('r2', 'assistant', 'a'),
      m('q3', 'user'),
      m('r3', 'assistant', 'b'),
      m('q4', 'user'),
      m('r4', 'assistant', 'b'),
    ];
    expect([...assistantChanges(messages)]).toEqual([['q3', 'b']]);
  });

  it('ignores replies with no recorded assistant (sent before assistants were recorded)', () => {
    expect(
      assistantChanges([
        m('q1', 'user'),
        m('r1', 'assistant'),
        m('q2', 'user'),
        m('r2', 'assistant', 'a'),
      ]).size,
    ).toBe(0);
  });
});
