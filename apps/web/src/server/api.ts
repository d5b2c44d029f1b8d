// The API's services, built once per server process by the composition root in
// @zatten/api/server and shared by every route handler. In development they survive hot reloads
// on globalThis, so a reload does not open another pool or relay connection.
import { type ApiServices, createApiServer } from '@zatten/api/server';
import { after } from 'next/server';
import { getServerConfig } from './config';

const holder = globalThis as typeof globalThis & { __zattenApi?: ApiServices };

export function getApiServices(): ApiServices {
  // A reply runs past the request that started it; after() keeps a serverless invocation alive
  // until it ends (on a Node server it only waits).
  holder.__zattenApi ??= createApiServer(getServerConfig(), { keepAlive: (work) => after(work) });
  return holder.__zattenApi;
}
