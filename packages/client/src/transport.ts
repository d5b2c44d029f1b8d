// The tRPC client underneath: queries and mutations in batched POST/GET requests, subscriptions
// over Server-Sent Events (split by operation type), the same credentials on both, a timeout on
// every request and retries for calls that are safe to repeat (queries and subscriptions; a
// subscription resumes from its last tracked event id).
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import { isRetryable, toZattenError } from './errors';
import type { AppRouter } from './router.generated';

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface ZattenClientOptions {
  /** Base URL of the Zatten installation, e.g. `https://chat.example.com`. */
  url: string;
  /** An API key (`zk_...`) for service calls: creating and reading chats for users. */
  apiKey?: string;
  /**
   * Returns a person's session token (a Clerk session token), for calls on their behalf:
   * sending messages, following replies and live events. It is called for every request and
   * every (re)connection of a stream, so a long stream always presents a fresh token.
   */
  getToken?: TokenGetter;
  /** The `fetch` to use (a proxy agent, a test double, ...); defaults to the global one. */
  fetch?: typeof fetch;
  /** Longest wait for a query or mutation, in ms (default 30 000). Streams are not limited. */
  timeoutMs?: number;
  /** How many times a failed query or stream is tried again (default 2). Mutations never are. */
  retries?: number;
  /** Delay before retry `attempt` (1, 2, ...), in ms; default 300 ms doubling, at most 5 s. */
  retryDelayMs?: (attempt: number) => number;
  /** Most calls sent in one batched request (default 10); keep it within the server's limit. */
  maxBatchSize?: number;
}

export const DEFAULTS = { timeoutMs: 30_000, retries: 2, maxBatchSize: 10 } as const;

export function defaultRetryDelay(attempt: number): number {
  return Math.min(300 * 2 ** (attempt - 1), 5_000);
}

export function trpcUrl(base: string): string {
  return new URL('api/trpc', base.endsWith('/') ? base : `${base}/`).toString();
}

export function createTransport(options: ZattenClientOptions): TRPCClient<AppRouter> {
  if (!options.apiKey && !options.getToken) {
    throw new TypeError('createZattenClient needs an apiKey or a getToken function');
  }
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const url = trpcUrl(options.url);

  async function authorization(): Promise<Record<string, string>> {
    const token = options.apiKey ?? (await options.getToken?.());
    return token ? { authorization: `Bearer ${token}` } : {};
  }

  const timedFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return baseFetch(input, { ...init, signal });
  }) as typeof fetch;

  return createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry: ({ op, error, attempts }) =>
          op.type !== 'mutation' && attempts <= retries && isRetryable(toZattenError(error)),
        retryDelayMs: options.retryDelayMs ?? defaultRetryDelay,
      }),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          EventSource,
          // Called for each subscription; the fetch inside runs on every reconnection, so the
          // credentials are read again each time (a refreshed token for a long stream).
          eventSourceOptions: () => ({
            fetch: async (input, init) =>
              baseFetch(input, {
                ...init,
                headers: { ...init.headers, ...(await authorization()) },
              }),
          }),
        }),
        false: httpBatchLink({
          url,
          fetch: timedFetch,
          maxItems: options.maxBatchSize ?? DEFAULTS.maxBatchSize,
          headers: authorization,
        }),
      }),
    ],
  });
}
