// Groups chats (already newest activity first) under the headings people expect: today,
// yesterday, the previous 7 and 30 days, then older. Days follow the reader's own time zone.
import type { Chat } from './types';

export type DateGroup = 'today' | 'yesterday' | 'previous7Days' | 'previous30Days' | 'older';

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

const DAY = 24 * 60 * 60 * 1000;

export function dateGroupOf(iso: string, now: Date): DateGroup {
  const today = startOfDay(now);
  const at = new Date(iso).getTime();
  if (at >= today) return 'today';
  if (at >= today - DAY) return 'yesterday';
  if (at >= today - 7 * DAY) return 'previous7Days';
  if (at >= today - 30 * DAY) return 'previous30Days';
  return 'older';
}

export function groupChatsByDate(
  chats: readonly Chat[],
  now: Date = new Date(),
): Array<{ group: DateGroup; chats: Chat[] }> {
  const groups: Array<{ group: DateGroup; chats: Chat[] }> = [];
  for (const chat of chats) {
    const group = dateGroupOf(chat.last_activity_at, now);
    const last = groups.at(-1);
    if (last?.group === group) last.chats.push(chat);
    else groups.push({ group, chats: [chat] });
  }
  return groups;
}
