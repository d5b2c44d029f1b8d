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
  | { kind: 'unknown' };

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
  return { kind: 'unknown' };
}
