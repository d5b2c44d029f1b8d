// Why a send (or retry, regenerate) was refused, as one of a few cases the composer explains:
// each gets its own words and the same way forward (the text is back in the composer). Read from
// the server's reason (packages/api/src/errors.ts), never guessed from the status code.
import { errorReason, isNetworkError, retryAfterSeconds } from '../trpc/errors';

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

export function classifySendError(error: unknown): SendFailure {
  if (isNetworkError(error)) return { kind: 'network' };
  switch (errorReason(error)) {
    case 'rate_limited':
      return { kind: 'rateLimited', retryAfterSeconds: retryAfterSeconds(error) ?? 10 };
    case 'run_active':
      return { kind: 'runActive' };
    case 'too_long':
      return { kind: 'tooLong' };
    case 'chat_not_found':
    case 'message_not_found':
      return { kind: 'chatGone' };
    case 'unauthenticated':
      return { kind: 'sessionExpired' };
    // Refusals from the database's start of a reply (monthly budget, an assistant gone).
    case 'budget_exceeded':
      return { kind: 'budgetExceeded' };
    case 'budget_run_active':
      return { kind: 'budgetRunActive' };
    case 'assistant_unavailable':
      return { kind: 'assistantUnavailable' };
    default:
      return { kind: 'unknown' };
  }
}
