// The model list for the assistants console: the provider's `GET /models` when reachable,
// cached per server process so opening the console does not call the provider every time.
// When the provider cannot be reached the console falls back to typing a model id.
import type { TRPCRouterRecord } from '@trpc/server';
import type { ApiServices } from '../../services';
import { adminProcedure } from '../../trpc';

export interface ModelList {
  models: string[];
  /** Whether the provider answered; false means "type a model id". */
  reachable: boolean;
  fetchedAt: string;
}

const OK_TTL_MS = 10 * 60_000;
// A failure is remembered briefly so a console reload does not wait on a dead provider again.
const FAILURE_TTL_MS = 60_000;

const caches = new WeakMap<ApiServices, { value: Promise<ModelList>; expiresAt: number }>();

export function listModelsCached(services: ApiServices, refresh = false): Promise<ModelList> {
  const cached = caches.get(services);
  if (cached && !refresh && cached.expiresAt > Date.now()) return cached.value;
  const entry = {
    expiresAt: Date.now() + OK_TTL_MS,
    value: services.ai
      .listModels({ timeoutMs: 5_000 })
      .then((models) => ({ models, reachable: true, fetchedAt: new Date().toISOString() }))
      .catch((error: unknown): ModelList => {
        services.logger.warn('model list unavailable', { error });
        entry.expiresAt = Date.now() + FAILURE_TTL_MS;
        return { models: [], reachable: false, fetchedAt: new Date().toISOString() };
      }),
  };
  caches.set(services, entry);
  return entry.value;
}

export const adminModelsRouter = {
  list: adminProcedure.query(({ ctx }) => listModelsCached(ctx.services)),
} satisfies TRPCRouterRecord;
