// @zatten/errors: the one error shape the domain throws, whichever package it comes from (data,
// AI, rate limits). It knows nothing of tRPC or HTTP: @zatten/api maps `code` to both in one
// table (packages/api/src/errors.ts), and clients read `reason`.

/** What kind of refusal this is; each maps to one tRPC code and one HTTP status. */
export const DOMAIN_ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainErrorOptions {
  /** Seconds after which asking again may succeed (rate limits, outages). */
  retryAfter?: number;
  cause?: unknown;
}

export class DomainError extends Error {
  /** When asking again may succeed, in seconds; undefined when it is not a matter of time. */
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: DomainErrorCode,
    /** A stable machine-readable reason clients branch on, e.g. `chat_not_found`. */
    readonly reason: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.retryAfter = options.retryAfter;
  }
}
