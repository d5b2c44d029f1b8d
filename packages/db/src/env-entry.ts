// @zatten/db/env: the database's piece of the configuration and the local secret store, without
// the drivers (the web app's env module and proxy import this).
export { type DbEnv, dbEnvShape, readDbEnv } from './env';
export { readLocalSecret } from './local/secret';
export { defaultDataDir } from './paths';
