// The failure codes a run or title request can end with, each with a plain message
// safe to show a user and whether trying again later may succeed.
import { DomainError, type DomainErrorCode } from '@zatten/errors';

export const AI_ERROR_CODES = [
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
] as const;

export type AiErrorCode = (typeof AI_ERROR_CODES)[number];

export interface AiErrorInfo {
  /** Whether asking again later may succeed (the UI offers a retry). */
  retryable: boolean;
  /** Plain text, safe to show a user: never contains upstream details. */
  message: string;
}

export const AI_ERRORS: Readonly<Record<AiErrorCode, AiErrorInfo>> = {
  not_configured: { retryable: false, message: 'The assistant is not configured.' },
  invalid_api_key: {
    retryable: false,
    message: 'The assistant could not sign in to its AI provider.',
  },
  rate_limited: {
    retryable: true,
    message: 'The assistant is receiving too many requests. Please try again in a moment.',
  },
  quota_exceeded: {
    retryable: false,
    message: 'The assistant has used up its quota with its AI provider.',
  },
  upstream_error: {
    retryable: true,
    message: 'The AI provider had a problem answering. Please try again.',
  },
  network_error: {
    retryable: true,
    message: 'The assistant could not reach its AI provider. Please try again.',
  },
  context_too_long: {
    retryable: false,
    message: 'This chat is too long for the model. Start a new chat to continue.',
  },
  content_refused: { retryable: false, message: 'The assistant declined to answer this request.' },
  response_failed: {
    retryable: true,
    message: 'The reply failed before it was finished. Please try again.',
  },
  response_incomplete: {
    retryable: false,
    message: 'The reply stopped before it was complete.',
  },
  connection_lost: {
    retryable: true,
    message: 'The connection was lost while the assistant was replying. Please try again.',
  },
  first_token_timeout: {
    retryable: true,
    message: 'The assistant took too long to start replying. Please try again.',
  },
  idle_timeout: {
    retryable: true,
    message: 'The assistant stopped replying part way through. Please try again.',
  },
  bad_request: { retryable: false, message: 'The request to the assistant was rejected.' },
  unknown: {
    retryable: true,
    message: 'Something went wrong while the assistant was replying. Please try again.',
  },
};

export function isAiErrorCode(value: unknown): value is AiErrorCode {
  return typeof value === 'string' && (AI_ERROR_CODES as readonly string[]).includes(value);
}

/** Which kind of refusal each AI failure is, in the shared error model. */
function domainCodeOf(code: AiErrorCode): DomainErrorCode {
  if (code === 'bad_request' || code === 'context_too_long' || code === 'content_refused') {
    return 'invalid_input';
  }
  if (code === 'rate_limited') return 'rate_limited';
  if (code === 'not_configured' || code === 'invalid_api_key' || code === 'quota_exceeded') {
    return 'precondition_failed';
  }
  return 'unavailable';
}

/**
 * A domain error thrown by the functions of this package that do throw (ensureConversation):
 * the shared shape (code, reason = the AI failure code, retry-after) plus what the UI shows.
 */
export class AiError extends DomainError {
  /** The AI failure code (also the `reason`). */
  readonly aiCode: AiErrorCode;
  readonly retryable: boolean;
  /** Plain text safe to show a user; `message` may carry upstream details for logs. */
  readonly userMessage: string;

  constructor(code: AiErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(domainCodeOf(code), code, detail ? `${code}: ${detail}` : code, options);
    this.name = 'AiError';
    this.aiCode = code;
    this.retryable = AI_ERRORS[code].retryable;
    this.userMessage = AI_ERRORS[code].message;
  }
}
