// Turns whatever the OpenAI SDK threw into one of our error codes, so no SDK type
// leaves this package. The upstream text is kept as `detail`, for logs only.

import { APIConnectionError, APIError } from 'openai';
import { AiError, type AiErrorCode } from './errors';

export interface ClassifiedError {
  code: AiErrorCode;
  /** Upstream description for logs; never shown to users. */
  detail: string;
  /** Milliseconds the server asked us to wait (retry-after-ms / retry-after), if any. */
  retryAfterMs?: number;
}

/** `midStream`: the error surfaced while reading an already open event stream. */
export function classifyError(error: unknown, midStream = false): ClassifiedError {
  if (error instanceof AiError) return { code: error.aiCode, detail: error.message };
  if (error instanceof APIConnectionError) {
    return { code: midStream ? 'connection_lost' : 'network_error', detail: error.message };
  }
  if (error instanceof APIError) {
    const retryAfterMs = parseRetryAfter(error.headers);
    const result: ClassifiedError = {
      code: codeForApiError(error.status, error.code, error.type),
      detail: error.message,
    };
    if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
    return result;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // A malformed event is the server's fault; a broken body while streaming is a lost connection.
  if (error instanceof SyntaxError) return { code: 'upstream_error', detail };
  return { code: midStream ? 'connection_lost' : 'unknown', detail };
}

function codeForApiError(
  status: number | undefined,
  code: string | null | undefined,
  type: string | undefined,
): AiErrorCode {
  if (code === 'context_length_exceeded') return 'context_too_long';
  if (code === 'insufficient_quota' || type === 'insufficient_quota') return 'quota_exceeded';
  if (code === 'content_filter' || code === 'content_policy_violation') return 'content_refused';
  if (status === undefined) {
    // An `error` event inside an open stream carries a code but no HTTP status.
    if (code === 'rate_limit_exceeded') return 'rate_limited';
    return 'response_failed';
  }
  if (status === 401) return 'invalid_api_key';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'upstream_error';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

/** Reads `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date). */
function parseRetryAfter(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  return undefined;
}
