// A budget or assistant refusal of a send is explained in its own words, not as "something went
// wrong".
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { classifySendError } from './send-errors';

function refusal(code: string, reason: string | null) {
  return new TRPCClientError('refused', {
    result: { error: { code: -32003, message: 'refused', data: { code, reason } } },
  } as never);
}

describe('classifySendError', () => {
  it('names the budget and assistant refusals', () => {
    expect(classifySendError(refusal('FORBIDDEN', 'budget_exceeded'))).toEqual({
      kind: 'budgetExceeded',
    });
    expect(classifySendError(refusal('FORBIDDEN', 'budget_run_active'))).toEqual({
      kind: 'budgetRunActive',
    });
    expect(classifySendError(refusal('FORBIDDEN', 'assistant_unavailable'))).toEqual({
      kind: 'assistantUnavailable',
    });
    expect(classifySendError(refusal('FORBIDDEN', 'something_else'))).toEqual({ kind: 'unknown' });
  });
});
