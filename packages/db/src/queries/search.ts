// Search inside a person's chats: titles and message text, Portuguese and English, through the
// database function `search_chats` (migration 20261130000600_search.sql), which runs as the
// caller so Row Level Security scopes it. Results are one row per chat with its best message;
// pages are keyset pages on (rank, chat id).
import { sql } from 'kysely';
import { invalidInput } from '../errors';
import type { Executor } from '../scope';
import type { Page } from './cursor';

const MATCH_START = '\uE000';
const MATCH_END = '\uE001';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A snippet as runs of text, `match` on the words that matched: render as text, never HTML. */
export type SnippetPart = { text: string; match: boolean };

export interface SearchHit {
  chat: {
    id: string;
    title: string;
    pinned_at: string | null;
    archived_at: string | null;
    last_activity_at: string;
  };
  titleParts: SnippetPart[];
  /** The chat's best matching message, if a message matched (a title alone may match). */
  message: {
    id: string;
    role: string;
    created_at: string;
    /** Whether it is on the branch the chat shows; if not, opening it switches branches. */
    on_active_branch: boolean;
    snippet: SnippetPart[];
  } | null;
  rank: number;
}

/** Splits text marked by search_highlight into runs; markers never reach the caller. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, match });
    text = '';
  };
  for (const char of marked) {
    if (char === MATCH_START) {
      flush();
      match = true;
    } else if (char === MATCH_END) {
      flush();
      match = false;
    } else text += char;
  }
  flush();
  return parts;
}

function encodeSearchCursor(rank: number, id: string): string {
  return Buffer.from(JSON.stringify([rank, id])).toString('base64url');
}

function decodeSearchCursor(cursor: string): { rank: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'number' &&
      Number.isFinite(value[0]) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { rank: value[0], id: value[1] };
    }
  } catch {
    // fall through: any decoding failure is the same client mistake
  }
  throw invalidInput('invalid_cursor', 'The cursor is not one this API returned.');
}

interface Row {
  chat_id: string;
  title: string;
  pinned_at: Date | string | null;
  archived_at: Date | string | null;
  last_activity_at: Date | string;
  message_id: string | null;
  message_role: string | null;
  message_created_at: Date | string | null;
  on_active_branch: boolean;
  rank: number;
  title_snippet: string;
  snippet: string | null;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

/**
 * Chats of the caller whose title or messages match `phrase`, best first. Runs inside a
 * user-scoped transaction (`withUser`): outside one, the function finds nothing.
 */
export async function searchChats(
  tx: Executor,
  options: { phrase: string; limit: number; cursor?: string | null },
): Promise<Page<SearchHit>> {
  const after = options.cursor ? decodeSearchCursor(options.cursor) : null;
  const { rows } = await sql<Row>`
    select * from public.search_chats(
      ${options.phrase}, ${options.limit + 1},
      ${after?.rank ?? null}::double precision, ${after?.id ?? null}::uuid)`.execute(tx);
  const items = rows.slice(0, options.limit).map(
    (row): SearchHit => ({
      chat: {
        id: row.chat_id,
        title: row.title,
        pinned_at: row.pinned_at === null ? null : iso(row.pinned_at),
        archived_at: row.archived_at === null ? null : iso(row.archived_at),
        last_activity_at: iso(row.last_activity_at),
      },
      titleParts: snippetParts(row.title_snippet),
      message:
        row.message_id && row.message_role && row.message_created_at
          ? {
              id: row.message_id,
              role: row.message_role,
              created_at: iso(row.message_created_at),
              on_active_branch: row.on_active_branch,
              snippet: snippetParts(row.snippet ?? ''),
            }
          : null,
      rank: row.rank,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > options.limit && last ? encodeSearchCursor(last.rank, last.chat.id) : null,
  };
}
