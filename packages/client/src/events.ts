// A person's live events (their chats and messages inserted, updated, deleted) as an async
// iterator. Ids are tracked: a reconnection, or a later call given `lastEventId`, resumes without
// gaps from the server's log.
import type { TRPCClient } from '@trpc/client';
import { toZattenError } from './errors';
import type { AppRouter } from './router.generated';
import type { LiveEvent } from './types';

export async function* followEvents(
  trpc: TRPCClient<AppRouter>,
  options: { lastEventId?: string; signal?: AbortSignal } = {},
): AsyncGenerator<LiveEvent, void, undefined> {
  const events = trpc.events.user.subscribe(
    { lastEventId: options.lastEventId },
    { signal: options.signal },
  );
  try {
    for await (const { id, data } of events) yield { id, ...data };
  } catch (error) {
    // Ending the loop by aborting is how a caller stops following, not a failure.
    if (options.signal?.aborted) return;
    throw toZattenError(error);
  } finally {
    await events.return?.();
  }
}
