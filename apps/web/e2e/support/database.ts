// Direct access to the end-to-end database (the embedded Postgres the web server started, see
// playwright.config.ts), for what a test cannot do through the app: create an API key for the
// REST endpoint, or cut every connection the way a database restart would.
import { randomUUID } from 'node:crypto';
import { createApiKey, createDatabase, type Database, withService } from '@zatten/db';
import { E2E } from './ports';

export const DATABASE_URL =
  process.env.E2E_DATABASE_URL ??
  `postgres://postgres:postgres@127.0.0.1:${E2E.postgresPort}/zatten`;

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = createDatabase(DATABASE_URL, { max: 1 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** A new API key allowed to create chats; returns the secret (`zk_...`). */
export function createTestApiKey(name: string): Promise<string> {
  return withDatabase(async (database) => {
    const { key } = await withService(database, (tx) =>
      createApiKey(tx, { name, scopes: ['chats:create'], createdBy: null }),
    );
    return key;
  });
}

/** Ends every other session of the app's database, as a restart does; returns how many. */
export function terminateDatabaseConnections(): Promise<number> {
  return withDatabase(async ({ pool }) => {
    const { rows } = await pool.query<{ terminated: boolean }>(
      `select pg_terminate_backend(pid) as terminated from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return rows.filter((row) => row.terminated).length;
  });
}

/**
 * Fills a chat with `exchanges` question/answer pairs, a second apart and ending a minute ago,
 * straight into the database (sending hundreds of messages through the UI would take minutes).
 * `answer(i)` gives the i-th reply's text (Markdown).
 */
export function seedConversation(
  chat: { id: string; user_id: string },
  exchanges: number,
  answer: (index: number) => string = (index) => `Answer number ${index + 1}.`,
): Promise<void> {
  return withDatabase(async (database) => {
    const start = Date.now() - 60_000 - exchanges * 2000;
    // One linear branch: each message hangs under the one before it (messages form a tree).
    let parent: string | null = null;
    const rows = Array.from({ length: exchanges }, (_, index) => {
      const question = {
        id: randomUUID(),
        parent_id: parent,
        chat_id: chat.id,
        user_id: chat.user_id,
        role: 'user' as const,
        content: `Question number ${index + 1}`,
        status: 'complete' as const,
        created_at: new Date(start + index * 2000).toISOString(),
      };
      const reply = {
        id: randomUUID(),
        parent_id: question.id,
        chat_id: chat.id,
        user_id: chat.user_id,
        role: 'assistant' as const,
        content: answer(index),
        status: 'complete' as const,
        created_at: new Date(start + index * 2000 + 1000).toISOString(),
      };
      parent = reply.id;
      return [question, reply];
    }).flat();
    await withService(database, async (tx) => {
      for (let index = 0; index < rows.length; index += 500) {
        await tx
          .insertInto('messages')
          .values(rows.slice(index, index + 500))
          .execute();
      }
      const leaf = rows.at(-1)?.id;
      if (leaf) {
        await tx
          .updateTable('chats')
          .set({ active_leaf_id: leaf })
          .where('id', '=', chat.id)
          .execute();
      }
    });
  });
}

/** Moves a chat's last activity into the past, as if it had not been used since `at`. */
export function backdateChat(chatId: string, at: Date): Promise<void> {
  return withDatabase(async (database) => {
    await withService(database, (tx) =>
      tx
        .updateTable('chats')
        .set({ last_activity_at: at.toISOString() })
        .where('id', '=', chatId)
        .execute(),
    );
  });
}
