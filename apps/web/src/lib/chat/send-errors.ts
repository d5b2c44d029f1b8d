// Why a send (or retry, regenerate) was refused, as one of a few cases the composer explains:
// each gets its own words and the same way forward (the text is back in the composer).
import { errorCode, errorReason, isNetworkError, retryAfterSeconds } from '../trpc/errors';

export type SendFailure =
  | { kind: 'network' }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'runActive' }
  | { kind: 'tooLong' }
  | { kind: 'chatGone' }
  | { kind: 'sessionExpired' }
  | { kind: 'budgetExceeded' }
  | { kind: 'budgetRunActive' }
  | { kind: 'assistantUnavailable' }
  | { kind: 'unknown' };

// Refusals from the database's start of a reply (monthly budget, an assistant gone).
const FORBIDDEN_REASONS = {
  budget_exceeded: 'budgetExceeded',
  budget_run_active: 'budgetRunActive',
  assistant_unavailable: 'assistantUnavailable',
} as const;

export function classifySendError(error: unknown): SendFailure {
  if (isNetworkError(error)) return { kind: 'network' };
  const code = errorCode(error);
  if (code === 'TOO_MANY_REQUESTS') {
    return { kind: 'rateLimited', retryAfterSeconds: retryAfterSeconds(error) ?? 10 };
  }
  if (code === 'CONFLICT' && errorReason(error) === 'run_active') return { kind: 'runActive' };
  if (code === 'BAD_REQUEST') return { kind: 'tooLong' };
  if (code === 'NOT_FOUND') return { kind: 'chatGone' };
  if (code === 'UNAUTHORIZED') return { kind: 'sessionExpired' };
  const reason = errorReason(error);
  if (code === 'FORBIDDEN' && reason && reason in FORBIDDEN_REASONS) {
    return { kind: FORBIDDEN_REASONS[reason as keyof typeof FORBIDDEN_REASONS] };
  }
  return { kind: 'unknown' };
}
