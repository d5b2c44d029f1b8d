// @zatten/ai: assistant replies on OpenAI without the retired Assistants API.
// An assistant is our own stored configuration and a run is a streamed Response whose input is
// the chat branch's history (history.ts), reported as our own typed events. Creating a
// Conversation stays available (ensureConversation) but chats no longer use one.
// The wire-level OpenAI test server lives in the separate "@zatten/ai/testing" entry.

export { type AiConfig, type AiEnv, aiConfigFrom, aiEnv, aiEnvShape, readAiEnv } from './env';
export {
  AI_ERROR_CODES,
  AI_ERRORS,
  AiError,
  type AiErrorCode,
  type AiErrorInfo,
  isAiErrorCode,
} from './errors';
export { type ConversationTurn, lastQuestion, responseInput, type TurnFile } from './history';
export { createOpenAIClient, DEFAULT_OPENAI_BASE_URL } from './provider';
export {
  type AssistantRunner,
  type AssistantRunnerOptions,
  createAssistantRunner,
} from './runner';
export { DEFAULT_TITLE_MODEL, fallbackTitle, TITLE_MAX_LENGTH } from './title';
export {
  type AssistantSettings,
  DEFAULT_RUN_LIMITS,
  type EnsureConversationParams,
  type GenerateTitleParams,
  type RunEvent,
  type RunLimits,
  type RunParams,
  type RunTerminalEvent,
  type RunUsage,
} from './types';
