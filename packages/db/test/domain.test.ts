// The domain constants and the migrations' check constraints hold the same values: a status,
// role or source added in one place and not the other fails here.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  CHAT_SOURCES,
  CHAT_TITLE_MAX,
  CHAT_TITLE_SOURCES,
  MESSAGE_ROLES,
  MESSAGE_STATUSES,
} from '../src/domain';
import { useDatabase } from './helpers';

const ctx = useDatabase();

/** The values a column's check constraint allows (`col in ('a', 'b')`), as the server has them. */
async function allowedValues(table: string, column: string): Promise<string[]> {
  const { rows } = await sql<{ definition: string }>`
    select pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
    where c.conrelid = ${`public.${table}`}::regclass and c.contype = 'c'`.execute(ctx.database.db);
  const definition = rows
    .map((row) => row.definition)
    .find((text) => new RegExp(`\\(${column} = ANY|\\(\\(${column} = ANY`).test(text));
  if (!definition) throw new Error(`no check constraint lists the values of ${table}.${column}`);
  const list = definition.slice(definition.indexOf(`${column} = ANY`));
  return [...list.matchAll(/'([^']+)'::text/g)].map((match) => match[1] ?? '');
}

describe('domain constants', () => {
  it.each([
    ['messages', 'status', MESSAGE_STATUSES],
    ['messages', 'role', MESSAGE_ROLES],
    ['chats', 'source', CHAT_SOURCES],
    ['chats', 'title_source', CHAT_TITLE_SOURCES],
  ] as const)('%s.%s allows exactly the listed values', async (table, column, values) => {
    expect((await allowedValues(table, column)).sort()).toEqual([...values].sort());
  });

  it('uses the title limit the schema enforces', async () => {
    const { rows } = await sql<{ definition: string }>`
      select pg_get_constraintdef(c.oid) as definition from pg_constraint c
      where c.conrelid = 'public.chats'::regclass and c.contype = 'c'
        and pg_get_constraintdef(c.oid) like '%btrim(title)%'`.execute(ctx.database.db);
    expect(rows[0]?.definition).toContain(`(char_length(btrim(title)) <= ${CHAT_TITLE_MAX})`);
  });
});
