// The domain's closed lists and limits, in one place: the migrations' check constraints hold the
// same values (test/domain.test.ts compares them), the api validates with them and the browser
// imports them from @zatten/db/domain (no driver code). Add a value here and in a migration.
export const MESSAGE_STATUSES = [
  'pending',
  'streaming',
  'complete',
  'failed',
  'cancelled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A reply still being written: at most one per chat (the messages_one_active index). */
export const ACTIVE_STATUSES = ['pending', 'streaming'] as const satisfies readonly MessageStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export function isActiveStatus(status: string): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** Where a chat came from: the app, or another system through the REST API / service client. */
export const CHAT_SOURCES = ['app', 'api'] as const;
export type ChatSource = (typeof CHAT_SOURCES)[number];

/** Who named a chat. */
export const CHAT_TITLE_SOURCES = ['placeholder', 'user', 'assistant', 'api'] as const;
export type ChatTitleSource = (typeof CHAT_TITLE_SOURCES)[number];

/** Characters in a chat title (chats.title check constraint). */
export const CHAT_TITLE_MAX = 200;
/** Characters in one message a person sends. */
export const MESSAGE_MAX_CHARS = 32_000;
