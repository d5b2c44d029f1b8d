// @zatten/api/client: a typed tRPC client for other TypeScript apps. Give it the app's base URL
// and either an API key (service calls) or a Clerk session token getter (a person's calls).
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from './root';

export type { RouterInputs, RouterOutputs } from './index';
export type { AppRouter } from './root';

export interface ZattenClientOptions {
  /** Base URL of the Zatten installation, e.g. https://chat.example.com */
  url: string;
  /** An API key (zk_...), for service calls such as service.createChat. */
  apiKey?: string;
  /** Returns a Clerk session token, for calls on behalf of a signed-in person. */
  getToken?: () => Promise<string | null> | string | null;
  fetch?: typeof fetch;
}

export function createZattenClient(options: ZattenClientOptions) {
  if (!options.apiKey && !options.getToken) {
    throw new Error('createZattenClient needs an apiKey or a getToken function');
  }
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: new URL('/api/trpc', options.url).toString(),
        // The server refuses larger batches (TRPC_MAX_BATCH_SIZE, default 10).
        maxItems: 10,
        fetch: options.fetch,
        async headers() {
          const token = options.apiKey ?? (await options.getToken?.());
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

export type ZattenClient = ReturnType<typeof createZattenClient>;
