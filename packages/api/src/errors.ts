// The one map from domain errors (db, ai, Postgres) to tRPC codes; HTTP statuses follow from the
// tRPC code (getHTTPStatusCodeFromError). Anything unknown is a 500 whose detail stays in the log.
import { TRPCError } from '@trpc/server';
import { DataError } from '@zatten/db';

const DATA_CODES = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid_input: 'BAD_REQUEST',
} as const;

/** Postgres errors that can only come from a request's data, not from a bug or an outage. */
const PG_CLIENT_ERRORS: Record<string, TRPCError['code']> = {
  '22001': 'BAD_REQUEST', // string_data_right_truncation
  '22003': 'BAD_REQUEST', // numeric_value_out_of_range
  '22007': 'BAD_REQUEST', // invalid_datetime_format
  '22008': 'BAD_REQUEST', // datetime_field_overflow
  '22021': 'BAD_REQUEST', // character_not_in_repertoire (e.g. NUL in text)
  '22P05': 'BAD_REQUEST', // untranslatable_character (e.g. \u0000 in jsonb)
  '22P02': 'BAD_REQUEST', // invalid_text_representation
  '23514': 'BAD_REQUEST', // check_violation
  '23503': 'NOT_FOUND', // foreign_key_violation: the referenced row is gone
};

/**
 * The pool could not get a connection in time (all busy, or the server does not answer) or the
 * server went away mid-request: node-postgres reports these by message, without a code.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNREFUSED' || code === '57P01' || code === '57P03') return true;
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated/i.test(message)
  );
}

export interface ErrorReason {
  reason?: string;
}

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    if (error.code === 'INTERNAL_SERVER_ERROR' && error.cause) {
      const mapped = toTRPCError(error.cause);
      if (mapped.code !== 'INTERNAL_SERVER_ERROR') return mapped;
    }
    return error;
  }
  if (error instanceof DataError) {
    const mapped = new TRPCError({
      code: DATA_CODES[error.kind],
      message: error.message,
      cause: error,
    });
    return Object.assign(mapped, { reason: error.reason });
  }
  if (isDatabaseUnavailable(error)) {
    // Overload or an outage, not a bug: the client may retry, so it is told so (503).
    return Object.assign(
      withReason(
        new TRPCError({
          code: 'SERVICE_UNAVAILABLE',
          message: 'The database is busy or unreachable. Try again in a moment.',
          cause: error instanceof Error ? error : undefined,
        }),
        'database_unavailable',
      ),
      { retryAfter: 1 },
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in PG_CLIENT_ERRORS) {
    return new TRPCError({
      code: PG_CLIENT_ERRORS[code] ?? 'BAD_REQUEST',
      message: 'The request was refused by a data constraint.',
      cause: error instanceof Error ? error : undefined,
    });
  }
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Internal server error',
    cause: error instanceof Error ? error : new Error(String(error)),
  });
}

export function reasonOf(error: TRPCError): string | undefined {
  return (error as TRPCError & ErrorReason).reason;
}

export function withReason(error: TRPCError, reason: string): TRPCError {
  return Object.assign(error, { reason });
}
