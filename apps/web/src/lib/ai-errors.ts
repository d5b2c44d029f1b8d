// Why a reply failed, in words: the codes a reply can end with (the AI package's, plus the two the
// server adds: `interrupted` by a restart, `run_timeout` past the total time limit), each a key
// of the catalogue's replyError.codes and replyError.hints.
import { AI_ERROR_CODES } from '@zatten/ai/errors';

const CODES = [...AI_ERROR_CODES, 'interrupted', 'run_timeout'] as const;

export type ReplyErrorCode = (typeof CODES)[number];

export function replyErrorCode(code: string | null | undefined): ReplyErrorCode {
  return (CODES as readonly string[]).includes(code ?? '') ? (code as ReplyErrorCode) : 'unknown';
}
