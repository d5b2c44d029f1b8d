// The published AppRouter type is generated from the server's (scripts/router-types.ts). These
// checks keep it honest: the committed file is what the generator makes of today's API, and a
// client typed by it sees exactly what a client typed by the server's own router would.
import { readFile } from 'node:fs/promises';
import type { TRPCClient } from '@trpc/client';
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter as ServerRouter } from '@zatten/api';
import { expect, it } from 'vitest';
import { generateRouterTypes } from '../scripts/router-types';
import type { AppRouter } from '../src/router.generated';

/** Mutual assignability: checked by `tsc` (pnpm typecheck), so a drift fails the build. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameInputs: Same<inferRouterInputs<AppRouter>, inferRouterInputs<ServerRouter>> = true;
export const sameOutputs: Same<
  inferRouterOutputs<AppRouter>,
  inferRouterOutputs<ServerRouter>
> = true;
export const sameErrors: Same<inferRouterError<AppRouter>, inferRouterError<ServerRouter>> = true;
export const sameClient: Same<TRPCClient<AppRouter>, TRPCClient<ServerRouter>> = true;

it('is what the generator makes of the current API (else: pnpm --filter @zatten/client generate)', async () => {
  const committed = await readFile(new URL('../src/router.generated.ts', import.meta.url), 'utf8');
  expect(await generateRouterTypes()).toBe(committed);
});

it('names no server type: the router reads as plain inputs and JSON outputs', async () => {
  const committed = await readFile(new URL('../src/router.generated.ts', import.meta.url), 'utf8');
  const imports = [...committed.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
  expect(imports).toEqual(['@trpc/server']);
  expect(committed).not.toMatch(/ctx: InnerContext|Kysely|Selectable|ZodError/);
});
