// Opaque keyset cursors: a (timestamp, id) pair as base64url JSON. Timestamps keep Postgres'
// microseconds so a page boundary never repeats or skips a row.
import { invalidInput } from '../errors';

export interface Keyset {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The ISO 8601 form encodeCursor writes. JavaScript's Date.parse accepts far more ("1", "May 5")
 * than Postgres does, so a cursor is checked against the exact shape, not against Date.parse.
 */
const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/;

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.at, keyset.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Keyset {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      TIMESTAMP.test(value[0]) &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      UUID.test(value[1])
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through: any decoding failure is the same client mistake
  }
  throw invalidInput('invalid_cursor', 'The cursor is not one this API returned.');
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
