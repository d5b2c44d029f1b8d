// @zatten/api, type-only entry for clients: the router's type and its inputs and outputs. The
// runtime lives in ./server (for the serving app); other apps install @zatten/client.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export type { AppRouter } from './root';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
