// Why a reply failed, in words: the codes a reply can end with (the AI package's, plus those the
// server adds: `interrupted` by a restart, `run_timeout` past the total time limit,
// `attachment_unavailable` when the question's files could not be read from storage), each a key
// of the catalogue's replyError.codes and replyError.hints; and the one action that can help.
import { AI_ERROR_CODES, AI_ERRORS, isAiErrorCode } from '@zatten/ai/errors';

const CODES = [...AI_ERROR_CODES, 'interrupted', 'run_timeout', 'attachment_unavailable'] as const;

export type ReplyErrorCode = (typeof CODES)[number];

export function replyErrorCode(code: string | null | undefined): ReplyErrorCode {
  return (CODES as readonly string[]).includes(code ?? '') ? (code as ReplyErrorCode) : 'unknown';
}

/**
 * What the reader can do about a failed reply: try again (only when that can succeed), start a
 * new chat (the chat outgrew the model), or nothing they can do themselves (an administrator
 * must fix the key, the configuration or the quota; the hint says so), or rephrase.
 */
export type ReplyErrorAction = 'retry' | 'newChat' | 'administrator' | 'rephrase';

const ADMINISTRATOR: ReadonlySet<ReplyErrorCode> = new Set([
  'not_configured',
  'invalid_api_key',
  'quota_exceeded',
]);

export function replyErrorAction(code: ReplyErrorCode): ReplyErrorAction {
  if (code === 'context_too_long') return 'newChat';
  if (ADMINISTRATOR.has(code)) return 'administrator';
  // A restart, the total time limit or a file store that did not answer: asking again can succeed
  // (a file that is gone for good needs a new message with it attached; the hint says so).
  if (!isAiErrorCode(code)) return 'retry';
  return AI_ERRORS[code].retryable ? 'retry' : 'rephrase';
}
