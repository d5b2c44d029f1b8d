// Inputs and outputs of the API as a client sees them, named for the helpers and for callers.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './router.generated';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

type Yielded<T> = T extends AsyncIterable<infer Y, unknown, unknown> ? Y : never;

/** A chat as other systems see it. */
export type PublicChat = RouterOutputs['service']['createChat']['chat'];
/** A stored message (the person's or the assistant's). */
export type Message = RouterOutputs['message']['get'];
/** One event of a reply's stream, as the server sends it. */
export type StreamEvent = Yielded<RouterOutputs['message']['stream']>['data'];
/** One live event of a person's topic: a chat or message inserted, updated or deleted. */
export type LiveEvent = { id: string } & Yielded<RouterOutputs['events']['user']>['data'];
