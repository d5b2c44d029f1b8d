import { describe, expect, it } from 'vitest';
import { dateGroupOf, groupChatsByDate, monthOfGroup } from './group-by-date';
import type { Chat } from './types';

const now = new Date(2026, 10, 30, 15, 0); // 30 November 2026, local time

function chatAt(date: Date): Chat {
  return { id: date.toISOString(), last_activity_at: date.toISOString() } as Chat;
}

describe('groupChatsByDate', () => {
  it('puts chats older than 30 days under their own month, newest month first', () => {
    const chats = [
      new Date(2026, 10, 30, 9),
      new Date(2026, 10, 10),
      new Date(2026, 9, 20),
      new Date(2026, 9, 2),
      new Date(2026, 7, 15),
      new Date(2025, 11, 31),
    ].map(chatAt);
    expect(groupChatsByDate(chats, now).map(({ group, chats }) => [group, chats.length])).toEqual([
      ['today', 1],
      ['previous30Days', 1],
      ['month:2026-10', 2],
      ['month:2026-08', 1],
      ['month:2025-12', 1],
    ]);
  });

  it('names the month of a month group', () => {
    expect(dateGroupOf(new Date(2025, 0, 3).toISOString(), now)).toBe('month:2025-01');
    expect(monthOfGroup('month:2025-01')).toEqual(new Date(2025, 0, 1));
    expect(monthOfGroup('yesterday')).toBeNull();
  });
});
