// The server's configuration: the one validated environment (src/env.ts) shaped by the api
// package for its composition root. Read once per process.
import { type ServerConfig, serverConfigFrom } from '@zatten/api/server';
import { env } from '~/env';

const holder = globalThis as typeof globalThis & { __zattenConfig?: ServerConfig };

export function getServerConfig(): ServerConfig {
  holder.__zattenConfig ??= serverConfigFrom(env);
  return holder.__zattenConfig;
}
