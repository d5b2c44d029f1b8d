// Typed errors: every failed call rejects with a ZattenError carrying the server's tRPC code,
// HTTP status, reason code, request id, retry hint and field errors. This file is the one place
// that reads the server's error shape (packages/api/src/trpc.ts, errorFormatter), so a change of
// the server's error model is adapted here only.
import { TRPCClientError } from '@trpc/client';
import type { AppRouter, ErrorShape } from './router.generated';

export type ErrorCode = ErrorShape['data']['code'];

/**
 * Reason codes the server sends today (`reason`); others may be added, so it stays a string.
 * Data errors name the row or rule (e.g. `user_not_found`), runs name what blocked them.
 */
export type ErrorReason =
  | 'api_key_not_found'
  | 'assistant_not_found'
  | 'chat_not_found'
  | 'email_taken'
  | 'invalid_cursor'
  | 'message_exists'
  | 'message_not_found'
  | 'no_question'
  | 'no_reply'
  | 'not_restartable'
  | 'not_retryable'
  | 'run_active'
  | 'user_not_found'
  | (string & {});

export class ZattenError extends Error {
  override readonly name = 'ZattenError';
  /** The tRPC error code, e.g. `NOT_FOUND`; `NETWORK` when no answer came back. */
  readonly code: ErrorCode | 'NETWORK' | 'TIMEOUT';
  /** HTTP status of the answer, or null when none came back. */
  readonly httpStatus: number | null;
  /** The server's machine-readable reason, when it gives one. */
  readonly reason: ErrorReason | null;
  /** Quote this to the operators of the Zatten installation. */
  readonly requestId: string | null;
  /** Set on 429: how long to wait before trying again. */
  readonly retryAfterSeconds: number | null;
  /** Invalid input: each field and why. */
  readonly fieldErrors: Record<string, string[] | undefined>;
  readonly formErrors: string[];

  constructor(
    message: string,
    init: Partial<Omit<ZattenError, 'name' | 'message'>> & { cause?: unknown },
  ) {
    super(message, { cause: init.cause });
    this.code = init.code ?? 'NETWORK';
    this.httpStatus = init.httpStatus ?? null;
    this.reason = init.reason ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.fieldErrors = init.fieldErrors ?? {};
    this.formErrors = init.formErrors ?? [];
  }
}

export function isZattenError(error: unknown): error is ZattenError {
  return error instanceof ZattenError;
}

/** Whether a timeout (ours) or an abort ended the request, rather than the server. */
function isTimeout(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.name === 'TimeoutError') return true;
  }
  return false;
}

/** Turns whatever a tRPC call threw into a ZattenError (a ZattenError passes through). */
export function toZattenError(error: unknown): ZattenError {
  if (error instanceof ZattenError) return error;
  if (error instanceof TRPCClientError) {
    const shape = (error as TRPCClientError<AppRouter>).shape;
    const data = (error as TRPCClientError<AppRouter>).data;
    if (data) {
      return new ZattenError(shape?.message ?? error.message, {
        code: data.code,
        httpStatus: data.httpStatus,
        reason: data.reason,
        requestId: data.requestId,
        retryAfterSeconds: data.retryAfterSeconds,
        fieldErrors: (data.zodError?.fieldErrors ?? {}) as Record<string, string[] | undefined>,
        formErrors: data.zodError?.formErrors ?? [],
        cause: error,
      });
    }
  }
  const timedOut = isTimeout(error);
  return new ZattenError(
    timedOut
      ? 'The Zatten server did not answer in time.'
      : `Could not reach the Zatten server: ${(error as Error)?.message ?? String(error)}`,
    { code: timedOut ? 'TIMEOUT' : 'NETWORK', cause: error },
  );
}

/**
 * Worth another try, soon, for a call that is safe to repeat: no answer, or a 5xx. A 429 is not:
 * its `retryAfterSeconds` (often many seconds) is for the caller to honour.
 */
export function isRetryable(error: ZattenError): boolean {
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT') return true;
  return error.httpStatus !== null && error.httpStatus >= 500 && error.httpStatus !== 501;
}
