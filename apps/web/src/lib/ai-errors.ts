// Why a reply failed, in words: each error code the AI package can end a run with maps to a
// catalogue key, and whether asking again may help (the Retry button is offered either way, as
// the person may have fixed the cause, but the wording differs).
const KNOWN = [
  'not_configured',
  'invalid_api_key',
  'rate_limited',
  'quota_exceeded',
  'upstream_error',
  'network_error',
  'context_too_long',
  'content_refused',
  'response_failed',
  'response_incomplete',
  'connection_lost',
  'first_token_timeout',
  'idle_timeout',
  'bad_request',
  'unknown',
  'interrupted',
] as const;

export type ReplyErrorCode = (typeof KNOWN)[number];

export function replyErrorCode(code: string | null | undefined): ReplyErrorCode {
  return (KNOWN as readonly string[]).includes(code ?? '') ? (code as ReplyErrorCode) : 'unknown';
}

/** Codes where trying the same thing again cannot help; the UI suggests what to do instead. */
const FINAL: ReadonlySet<ReplyErrorCode> = new Set([
  'not_configured',
  'invalid_api_key',
  'quota_exceeded',
  'context_too_long',
  'content_refused',
  'bad_request',
]);

export function isRetryable(code: ReplyErrorCode): boolean {
  return !FINAL.has(code);
}
