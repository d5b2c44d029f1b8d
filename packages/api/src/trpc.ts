// The tRPC core: the only place that calls initTRPC. It exports the context type, the router
// factory and the approved procedures: public, protected (a signed-in person), admin, and
// service (an API key with a scope). Errors leave through one formatter.
import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiKeyScope, ApiKeySummary, UserRow } from '@zatten/db';
import { ZodError, z } from 'zod';
import { isAdmin, provisionUser } from './auth/provision';
import type { InnerContext } from './context';
import { reasonOf, retryAfterOf, toTRPCError } from './errors';
import { consumeOrRefuse, WRITES_REFUSED } from './rate-limits';
import { apiKeyMeter } from './services/api-key-meter';

export interface ProcedureMeta {
  /**
   * The procedure takes the person's write point itself, with their send point in one round trip
   * (rate-limits.ts `writeAndSend`), instead of here: a send pays both.
   */
  sendLimited?: boolean;
}

const t = initTRPC
  .context<InnerContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        message: internal
          ? 'Something went wrong on our side. Try again in a moment.'
          : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          reason: reasonOf(error),
          requestId: ctx?.requestId ?? null,
          retryAfterSeconds: retryAfterOf(error),
          zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps every error a procedure throws through the one domain map. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  // Anything not thrown as a TRPCError arrives wrapped as a 500 with the original as its cause.
  const original = error.code === 'INTERNAL_SERVER_ERROR' && error.cause ? error.cause : error;
  const mapped = toTRPCError(original);
  return mapped.code === error.code ? result : { ...result, error: mapped };
});

export const publicProcedure = t.procedure.use(mapErrors);

export const protectedProcedure = publicProcedure.use(async ({ ctx, next, type, meta }) => {
  if (ctx.actor.kind !== 'user') {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message:
        ctx.actor.kind === 'apiKey'
          ? 'API keys can only call service procedures.'
          : ctx.authError === 'session-expired' || ctx.authError === 'token-expired'
            ? 'Your session has expired. Sign in again.'
            : 'Sign in to continue.',
    });
  }
  if (type === 'mutation' && !meta?.sendLimited) {
    // Every write costs a point, so no procedure (new ones included) is an unmetered loop.
    await consumeOrRefuse(ctx.services.rateLimits.writes, ctx.actor.userId, WRITES_REFUSED);
  }
  const user: UserRow = await provisionUser(ctx.services, ctx.actor);
  return next({
    ctx: {
      actor: ctx.actor,
      userId: ctx.actor.userId,
      user,
      isAdmin: isAdmin(ctx.services, ctx.actor, user),
    },
  });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.isAdmin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only administrators can do this.' });
  }
  return next();
});

/**
 * Calls by other systems: an API key holding `scope`, within its rate limit. The key's point is
 * taken before the input is read; with `chargedInProcedure` the procedure takes it in its own
 * first statement (`ctx.meter`), and an input refused before that still costs the point, the
 * limit answering first, as it does for every other service call.
 */
/** 403 for an API key without `scope`. */
export function requireScope(apiKey: ApiKeySummary, scope: ApiKeyScope): void {
  if (!apiKey.scopes.includes(scope)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `The API key lacks the scope ${scope}.` });
  }
}

export function serviceProcedure(
  scope: ApiKeyScope,
  options: { chargedInProcedure?: boolean } = {},
) {
  return publicProcedure.use(async ({ ctx, next }) => {
    const { actor } = ctx;
    if (actor.kind !== 'apiKey') {
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: ctx.authError
          ? 'The API key is not valid (unknown or revoked).'
          : 'This call needs an API key (Authorization: Bearer zk_...).',
      });
    }
    requireScope(actor.apiKey, scope);
    const meter = apiKeyMeter(ctx.services.rateLimits.apiKey, actor.apiKey.id);
    if (!options.chargedInProcedure) await meter.charge();
    const result = await next({ ctx: { apiKey: actor.apiKey, meter } });
    if (!meter.charged) await meter.charge();
    return result;
  });
}
