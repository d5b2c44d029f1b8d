// Text arriving in an imported file was written elsewhere: it is made to fit this app's text
// rules (one-line titles without control or direction-override characters, messages without
// control characters or broken Unicode, both within the length limits) instead of refused.
import { CHAT_TITLE_MAX_CHARS, MESSAGE_MAX_CHARS } from '../text-rules';

/** The database's bound on a reply's text (a person's message has the app's smaller one). */
const REPLY_MAX_CHARS = 200_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

export function cleanTitle(title: string | null | undefined, fallback: string): string {
  const cleaned = (title ?? '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(CONTROL, '')
    .replace(BIDI_CONTROL, '')
    .trim()
    .slice(0, CHAT_TITLE_MAX_CHARS)
    .trim();
  return cleaned || fallback;
}

export function cleanMessage(content: string, role: 'user' | 'assistant'): string {
  return content
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .slice(0, role === 'user' ? MESSAGE_MAX_CHARS : REPLY_MAX_CHARS);
}

/** An ISO timestamp from seconds since the epoch (ChatGPT) or an ISO string, else null. */
export function toIso(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ||
    date.getFullYear() < 1990 ||
    date.getTime() > Date.now() + 86_400_000
    ? null
    : date.toISOString();
}
