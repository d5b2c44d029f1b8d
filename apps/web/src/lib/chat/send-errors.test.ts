// The composer explains a refused send from the server's reason, not from the status code: a
// 400 that is not about length is not "too long", a 404 of an assistant is not "chat gone".
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { classifySendError } from './send-errors';

function serverError(code: string, reason: string | null, retryAfterSeconds: number | null = null) {
  return TRPCClientError.from({
    error: {
      code: -32600,
      message: 'refused',
      data: { code, httpStatus: 400, path: 'message.send', reason, retryAfterSeconds },
    },
  });
}

describe('classifySendError', () => {
  it('reads each case from the reason', () => {
    expect(classifySendError(serverError('TOO_MANY_REQUESTS', 'rate_limited', 7))).toEqual({
      kind: 'rateLimited',
      retryAfterSeconds: 7,
    });
    expect(classifySendError(serverError('CONFLICT', 'run_active'))).toEqual({ kind: 'runActive' });
    expect(classifySendError(serverError('BAD_REQUEST', 'too_long'))).toEqual({ kind: 'tooLong' });
    expect(classifySendError(serverError('NOT_FOUND', 'chat_not_found'))).toEqual({
      kind: 'chatGone',
    });
    expect(classifySendError(serverError('UNAUTHORIZED', 'unauthenticated'))).toEqual({
      kind: 'sessionExpired',
    });
  });

  it('does not guess from the status code', () => {
    expect(classifySendError(serverError('BAD_REQUEST', 'invalid_input'))).toEqual({
      kind: 'unknown',
    });
    expect(classifySendError(serverError('NOT_FOUND', 'assistant_not_found'))).toEqual({
      kind: 'unknown',
    });
  });

  it('names the budget and assistant refusals', () => {
    expect(classifySendError(serverError('FORBIDDEN', 'budget_exceeded'))).toEqual({
      kind: 'budgetExceeded',
    });
    expect(classifySendError(serverError('FORBIDDEN', 'budget_run_active'))).toEqual({
      kind: 'budgetRunActive',
    });
    expect(classifySendError(serverError('FORBIDDEN', 'assistant_unavailable'))).toEqual({
      kind: 'assistantUnavailable',
    });
    expect(classifySendError(serverError('FORBIDDEN', 'something_else'))).toEqual({
      kind: 'unknown',
    });
  });
});
