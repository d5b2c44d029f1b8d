// Local-only helpers: the embedded Postgres and resolving which database to use.
export { type LocalPostgres, localPostgresUrl, startLocalPostgres } from './embedded';
export { type ResolvedDatabase, resolveDatabase } from './resolve';
