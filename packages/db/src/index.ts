// @zatten/db: Postgres (Supabase) access for the server. Typed queries over the generated
// Supabase types, the user-scoped (RLS) and service entry points, the migrator and the local
// realtime relay.
export { createDatabase, type Database } from './client';
export type { Database as SupabaseDatabase, Json } from './database.types';
export { type DbEnv, readDbEnv } from './env';
export { DataError, type DataErrorKind } from './errors';
export { readLocalSecret } from './local/secret';
export { MigrationError, type MigrationResult, migrate } from './migrate';
export * from './queries/api-keys';
export * from './queries/assistants';
export * from './queries/chats';
export { decodeCursor, encodeCursor, type Page } from './queries/cursor';
export * from './queries/idempotency';
export * from './queries/messages';
export * from './queries/run-leases';
export * from './queries/users';
export * from './queries/webhooks';
export * from './realtime/events';
export { createRealtimeRelay, type RealtimeRelay } from './realtime/relay';
export type * from './schema';
export {
  asService,
  type Executor,
  type Tx,
  type UserClaims,
  withService,
  withUser,
} from './scope';
