// @zatten/db: Postgres (Supabase) access for the server. Typed queries over the generated
// Supabase types, the user-scoped (RLS) and service entry points, the migrator and the local
// realtime relay.
export {
  APPLICATION_NAME,
  createDatabase,
  type Database,
  type DatabaseTimeouts,
  DEFAULT_POOL_MAX,
  DEFAULT_TIMEOUTS,
  type StatementResult,
} from './client';
export type { Database as SupabaseDatabase, Json } from './database.types';
export {
  ACTIVE_STATUSES,
  type ActiveStatus,
  CHAT_SOURCES,
  CHAT_TITLE_MAX,
  CHAT_TITLE_SOURCES,
  type ChatSource,
  type ChatTitleSource,
  isActiveStatus,
  MESSAGE_MAX_CHARS,
  MESSAGE_ROLES,
  MESSAGE_STATUSES,
  type MessageRole,
  type MessageStatus,
} from './domain';
export { type DbEnv, readDbEnv } from './env';
export { DataError, type DataErrorKind } from './errors';
export { readLocalSecret } from './local/secret';
export { MigrationError, type MigrationResult, migrate } from './migrate';
export * from './queries/admin-users';
export {
  API_KEY_SCOPES,
  type ApiKeyScope,
  type ApiKeySummary,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  verifyApiKeyInOneTrip,
} from './queries/api-keys';
export * from './queries/assistant-admin';
export {
  canUseAssistant,
  getAssistantForRun,
  getAssistantsByIds,
  listAssistants,
  type PublicAssistant,
  resolveAssistant,
} from './queries/assistants';
// issue 16: files in chats
export {
  ATTACHMENT_STATUSES,
  type Attachment,
  type AttachmentLimits,
  type AttachmentStatus,
  attachmentRefusal,
  attachmentsOfChat,
  attachmentsOfMessages,
  attachToMessage,
  clearStorageDeletions,
  createPendingAttachment,
  deleteUnsentAttachment,
  getAttachmentLimits,
  getAttachments,
  markUploaded,
  purgeUnsentAttachments,
  queuedStorageDeletions,
  requireOwnAttachment,
  setAttachmentLimits,
  storageUsed,
} from './queries/attachments';
export * from './queries/budgets';
export {
  archiveChats,
  CHAT_VIEWS,
  type ChatView,
  createChat,
  createChatIfPossible,
  createChatMetered,
  deleteChat,
  deleteChats,
  getChat,
  listChats,
  listChatsAs,
  type MeteredCreate,
  type MeterTerms,
  type NewChat,
  pinChat,
  renameChat,
  requireChat,
  setChatAssistant,
  setConversationId,
  setGeneratedTitle,
} from './queries/chats';
export { decodeCursor, encodeCursor, type Page } from './queries/cursor';
export { beginExchangeSql, exchangeOf } from './queries/exchange';
// Issue 17: feedback on replies, shared snapshots, export and import.
export * from './queries/feedback';
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  type IdempotencyClaim,
  purgeExpiredIdempotencyKeys,
} from './queries/idempotency';
export * from './queries/message-tree';
export {
  appendMessage,
  beginReply,
  branchTip,
  finishMessage,
  getActiveRun,
  getMessage,
  lastMessage,
  listMessages,
  messageWriteError,
  type NewMessageInput,
  type RunOutcome,
  replyAfter,
  requireMessage,
  restartReply,
  touchActiveMessages,
  updateMessage,
} from './queries/messages';
export * from './queries/personal-instructions';
export * from './queries/portability';
export {
  admissionOf,
  closeOrphanedRuns,
  countActiveRuns,
  finishWithLease,
  leaseReplyOfSql,
  leaseRun,
  lockUserRuns,
  type RunAdmission,
  runAdmission,
  runAdmissionSql,
} from './queries/run-leases';
export { writeRunOutcome, writeRunProgress } from './queries/run-writes';
// Issue 17: search inside messages.
export { type SearchHit, type SnippetPart, searchChats, snippetParts } from './queries/search';
export {
  lockChatWithAssistant,
  lockChatWithAssistantSql,
  lockedChatOf,
} from './queries/send-chat';
export * from './queries/shares';
export * from './queries/start-reply-errors';
export * from './queries/usage';
export {
  deleteUser,
  findUserByEmail,
  getUser,
  requireUser,
  type UserProfile,
  upsertUser,
} from './queries/users';
export { purgeWebhookDeliveries, recordWebhookDelivery } from './queries/webhooks';
export {
  type ChatEventPayload,
  type MessageEventPayload,
  type RealtimeEvent,
  type RealtimeOp,
  type RealtimePayload,
  userTopic,
} from './realtime/events';
export { createRealtimeRelay, type RealtimeRelay } from './realtime/relay';
export type {
  ApiKeyRow,
  AssistantRow,
  ChatRow,
  DB,
  MessagePatch,
  MessageRow,
  NewMessage,
  UserRow,
} from './schema';
export {
  asService,
  commitWith,
  type Executor,
  finishAsService,
  inlineParameters,
  isDatabaseUnavailable,
  queryOnLiveConnection,
  serviceInOneTrip,
  sqlLiteral,
  type Tx,
  type UserClaims,
  userReadInOneTrip,
  withService,
  withUser,
  withUserOpening,
} from './scope';
export {
  createSessionConnection,
  SESSION_APPLICATION_NAME,
  type SessionConnection,
} from './session';
