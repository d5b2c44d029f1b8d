// Kysely's view of the generated Supabase `Database` type: each table's Row/Insert/Update become
// one Kysely column type, so queries are checked against the same types the Supabase client uses.
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { Database } from './database.types';

type PublicTables = Database['public']['Tables'];

type KyselyTable<T extends { Row: object; Insert: object; Update: object }> = {
  [K in keyof T['Row']]: ColumnType<
    T['Row'][K],
    K extends keyof T['Insert'] ? T['Insert'][K] : never,
    K extends keyof T['Update'] ? T['Update'][K] : never
  >;
};

export type DB = { [T in keyof PublicTables]: KyselyTable<PublicTables[T]> };

export type UserRow = Selectable<DB['users']>;
export type AssistantRow = Selectable<DB['assistants']>;
export type ChatRow = Selectable<DB['chats']>;
export type MessageRow = Selectable<DB['messages']>;
export type ApiKeyRow = Selectable<DB['api_keys']>;
export type NewMessage = Insertable<DB['messages']>;
export type MessagePatch = Updateable<DB['messages']>;

export type { ChatSource, ChatTitleSource, MessageRole, MessageStatus } from './domain';
