// The one map from the domain's errors (DomainError from db, ai and rate limits; data constraint
// violations from Postgres) to tRPC codes, HTTP statuses and RFC 9457 problem types. tRPC errors
// keep the DomainError as their cause, so its reason and retry-after reach every client.
// Anything unknown is a 500 whose detail stays in the log.
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { isDatabaseUnavailable } from '@zatten/db';
import { DomainError, type DomainErrorCode } from '@zatten/errors';
import { ZodError } from 'zod';

export { DomainError, type DomainErrorCode } from '@zatten/errors';

interface ErrorMapping {
  trpc: TRPC_ERROR_CODE_KEY;
  status: number;
  /** RFC 9457 `title`. */
  title: string;
  /** The problem `type` slug when the error carries no domain reason (e.g. zod validation). */
  slug: string;
}

/** The one table: a domain code, its tRPC code, its HTTP status and its problem title. */
export const ERROR_MAP: Readonly<Record<DomainErrorCode, ErrorMapping>> = {
  invalid_input: {
    trpc: 'BAD_REQUEST',
    status: 400,
    title: 'The request is not valid',
    slug: 'validation-failed',
  },
  unauthenticated: {
    trpc: 'UNAUTHORIZED',
    status: 401,
    title: 'Authentication required',
    slug: 'unauthenticated',
  },
  forbidden: { trpc: 'FORBIDDEN', status: 403, title: 'Not allowed', slug: 'insufficient-scope' },
  not_found: { trpc: 'NOT_FOUND', status: 404, title: 'Not found', slug: 'not-found' },
  conflict: { trpc: 'CONFLICT', status: 409, title: 'Conflict', slug: 'conflict' },
  precondition_failed: {
    trpc: 'PRECONDITION_FAILED',
    status: 412,
    title: 'Precondition failed',
    slug: 'precondition-failed',
  },
  payload_too_large: {
    trpc: 'PAYLOAD_TOO_LARGE',
    status: 413,
    title: 'Request body too large',
    slug: 'payload-too-large',
  },
  unsupported_media_type: {
    trpc: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    title: 'Unsupported media type',
    slug: 'unsupported-media-type',
  },
  rate_limited: {
    trpc: 'TOO_MANY_REQUESTS',
    status: 429,
    title: 'Too many requests',
    slug: 'rate-limited',
  },
  unavailable: {
    trpc: 'SERVICE_UNAVAILABLE',
    status: 503,
    title: 'Service unavailable',
    slug: 'unavailable',
  },
};

/** The domain code behind a tRPC code (for TRPCErrors thrown without a DomainError). */
export function domainCodeOfTRPC(code: TRPC_ERROR_CODE_KEY): DomainErrorCode | null {
  for (const [domain, mapping] of Object.entries(ERROR_MAP)) {
    if (mapping.trpc === code) return domain as DomainErrorCode;
  }
  return null;
}

/** Postgres errors that can only come from a request's data, not from a bug or an outage. */
const PG_CLIENT_ERRORS: Record<string, [DomainErrorCode, string]> = {
  '22001': ['invalid_input', 'value_too_long'], // string_data_right_truncation
  '22003': ['invalid_input', 'invalid_value'], // numeric_value_out_of_range
  '22007': ['invalid_input', 'invalid_value'], // invalid_datetime_format
  '22008': ['invalid_input', 'invalid_value'], // datetime_field_overflow
  '22021': ['invalid_input', 'invalid_text'], // character_not_in_repertoire (e.g. NUL in text)
  '22P05': ['invalid_input', 'invalid_text'], // untranslatable_character (\u0000 in jsonb)
  '22P02': ['invalid_input', 'invalid_value'], // invalid_text_representation
  '23514': ['invalid_input', 'constraint_violated'], // check_violation
  '23503': ['not_found', 'referenced_row_missing'], // foreign_key_violation: the row is gone
};

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    if (error.code === 'INTERNAL_SERVER_ERROR' && error.cause) {
      const mapped = toTRPCError(error.cause);
      if (mapped.code !== 'INTERNAL_SERVER_ERROR') return mapped;
    }
    return error;
  }
  if (error instanceof DomainError) {
    return new TRPCError({
      code: ERROR_MAP[error.code].trpc,
      message: error.message,
      cause: error,
    });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const constraint = typeof code === 'string' ? PG_CLIENT_ERRORS[code] : undefined;
  if (constraint) {
    const [domain, reason] = constraint;
    return toTRPCError(
      new DomainError(domain, reason, 'The request was refused by a data constraint.', {
        cause: error,
      }),
    );
  }
  if (isDatabaseUnavailable(error)) {
    // A database that does not answer within its bounds: a 503 to retry, not a hang or a 500.
    return toTRPCError(
      new DomainError(
        'unavailable',
        'database_unavailable',
        'The database is not answering. Try again in a moment.',
        { retryAfter: 5, cause: error },
      ),
    );
  }
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Internal server error',
    cause: error instanceof Error ? error : new Error(String(error)),
  });
}

/** The DomainError a tRPC error carries, if any. */
export function domainErrorOf(error: TRPCError): DomainError | null {
  return error.cause instanceof DomainError ? error.cause : null;
}

/**
 * The reason clients branch on: the DomainError's, else the domain code of the tRPC code
 * (`unauthenticated`, `invalid_input`, ...), else null for a 500.
 */
export function reasonOf(error: TRPCError): string | null {
  const domain = domainErrorOf(error);
  if (domain) return domain.reason;
  // Input validation: a value over its length limit is the one case clients explain apart.
  if (error.cause instanceof ZodError) {
    return error.cause.issues.some((issue) => issue.code === 'too_big')
      ? 'too_long'
      : 'invalid_input';
  }
  return domainCodeOfTRPC(error.code);
}

export function retryAfterOf(error: TRPCError): number | null {
  return domainErrorOf(error)?.retryAfter ?? null;
}
