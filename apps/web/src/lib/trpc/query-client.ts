// The TanStack Query client: short staleness (live updates keep lists fresh), no retries for
// answers that will not change (4xx), and one place that notices an expired session.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { markSessionExpired } from '../session-expiry';
import { errorCode, isUnauthorized } from './errors';

const FINAL_CODES = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
]);

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) markSessionExpired();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !FINAL_CODES.has(errorCode(error) ?? '') && failures < 3,
      },
      // A send while offline fails at once with a clear message (the text goes back into the
      // composer) rather than waiting invisibly for the network to return.
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
