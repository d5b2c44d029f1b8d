// The API's services, built once per server process by the composition root in
// @zatten/api/server and shared by every route handler. In development they survive hot reloads
// on globalThis, so a reload does not open another pool or relay connection.
import { type ApiServices, createApiServer } from '@zatten/api/server';
import { getServerConfig } from './config';

const holder = globalThis as typeof globalThis & { __zattenApi?: ApiServices };

export function getApiServices(): ApiServices {
  holder.__zattenApi ??= createApiServer(getServerConfig());
  return holder.__zattenApi;
}
