// Groups chats (already newest activity first) under the headings people expect: today,
// yesterday, the previous 7 and 30 days, then one group per calendar month ("October", or
// "October 2025" in an earlier year), as ChatGPT does. Days follow the reader's own time zone.
import type { Chat } from './types';

export type RecentGroup = 'today' | 'yesterday' | 'previous7Days' | 'previous30Days';
/** A recent group, or a month as `month:YYYY-MM`. */
export type DateGroup = RecentGroup | `month:${string}`;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

const DAY = 24 * 60 * 60 * 1000;

export function dateGroupOf(iso: string, now: Date): DateGroup {
  const today = startOfDay(now);
  const date = new Date(iso);
  const at = date.getTime();
  if (at >= today) return 'today';
  if (at >= today - DAY) return 'yesterday';
  if (at >= today - 7 * DAY) return 'previous7Days';
  if (at >= today - 30 * DAY) return 'previous30Days';
  return `month:${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The month a `month:` group stands for (its first day, local time), or null for recent ones. */
export function monthOfGroup(group: DateGroup): Date | null {
  const match = /^month:(\d{4})-(\d{2})$/.exec(group);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, 1) : null;
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
