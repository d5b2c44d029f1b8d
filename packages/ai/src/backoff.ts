// Delays between attempts of a run: the server's retry-after when given, else
// exponential backoff with jitter so many failed runs do not retry in step.

import type { AiErrorCode } from './errors';
import type { RunLimits } from './types';

/** Failures worth another attempt, and only while no text has been streamed. */
export const AUTO_RETRY_CODES: ReadonlySet<AiErrorCode> = new Set([
  'rate_limited',
  'upstream_error',
  'network_error',
  'connection_lost',
]);

/** `attempt` counts from 1 for the first retry. */
export function backoffDelay(
  attempt: number,
  limits: Pick<RunLimits, 'backoffMs' | 'maxBackoffMs'>,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = Math.min(limits.maxBackoffMs, limits.backoffMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.75 + Math.random() * 0.25));
}

/** Resolves after `ms`, or early (to false) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
