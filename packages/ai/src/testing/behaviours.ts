// What the test server does with one POST /v1/responses, chosen by a test script or by
// a [[marker]] in the user's text, and the deterministic texts it replies with.

export type Behaviour =
  /** A normal reply; `text` defaults to replyText(input). */
  | { kind: 'reply'; text?: string; tokenDelayMs?: number; firstTokenDelayMs?: number }
  /**
   * The normal reply plus `extraTokens` words, one token every `tokenDelayMs`. With `hold`, the
   * last token waits until the gate of that name opens (`OpenAITestServer.openGate`), so a test
   * decides when the reply ends instead of racing its pace.
   */
  | { kind: 'slow'; tokenDelayMs?: number; extraTokens?: number; hold?: string }
  /** `tokens` tokens in all (default: the server's longReplyTokens). */
  | { kind: 'long'; tokens?: number }
  | { kind: 'refusal'; text?: string }
  /** `response.failed` after `afterTokens` text deltas. */
  | { kind: 'failed'; afterTokens?: number; code?: string; message?: string }
  /** `response.incomplete` after `afterTokens` text deltas. */
  | { kind: 'incomplete'; afterTokens?: number; reason?: 'max_output_tokens' | 'content_filter' }
  /** An `error` stream event (as the API sends mid-stream) after `afterTokens` text deltas. */
  | { kind: 'error_event'; afterTokens?: number; code?: string; message?: string }
  /** Destroys the socket after `afterTokens` text deltas. */
  | { kind: 'drop'; afterTokens?: number }
  /** Sends headers and `afterTokens` deltas, then nothing until the client leaves. */
  | { kind: 'stall'; afterTokens?: number }
  | { kind: 'unauthorized' }
  | { kind: 'rate_limited'; retryAfterSeconds?: number; retryAfterMs?: number }
  | { kind: 'quota_exceeded' }
  | { kind: 'server_error'; status?: number }
  | { kind: 'context_too_long' }
  /** Any status with an OpenAI error body. */
  | {
      kind: 'http_error';
      status: number;
      message?: string;
      type?: string;
      code?: string | null;
      headers?: Record<string, string>;
    };

export type BehaviourKind = Behaviour['kind'];

/**
 * Markers an end-to-end test can put in the user's text. `[[429]]` and `[[500]]` fail
 * every attempt; `[[429once]]` and `[[500once]]` fail only the first request for that text.
 */
export const MARKERS = {
  '[[slow]]': { kind: 'slow' },
  '[[long]]': { kind: 'long' },
  '[[fail]]': { kind: 'failed' },
  '[[errorevent]]': { kind: 'error_event' },
  '[[drop]]': { kind: 'drop' },
  '[[stall]]': { kind: 'stall' },
  '[[incomplete]]': { kind: 'incomplete' },
  '[[refuse]]': { kind: 'refusal' },
  '[[401]]': { kind: 'unauthorized' },
  '[[429]]': { kind: 'rate_limited' },
  '[[quota]]': { kind: 'quota_exceeded' },
  '[[500]]': { kind: 'server_error' },
  '[[context]]': { kind: 'context_too_long' },
  '[[429once]]': { kind: 'rate_limited' },
  '[[500once]]': { kind: 'server_error' },
} as const satisfies Record<string, Behaviour>;

export type Marker = keyof typeof MARKERS;

const ONCE_MARKERS: ReadonlySet<string> = new Set(['[[429once]]', '[[500once]]']);
// Also matches markers a script reads itself, such as `[[hold:name]]`, so replies never echo them.
const MARKER_PATTERN = /\[\[[a-z0-9:-]+\]\]/g;

/** The behaviour the first known marker in `text` asks for, if any. */
export function markerIn(
  text: string,
): { marker: Marker; behaviour: Behaviour; once: boolean } | undefined {
  for (const found of text.match(MARKER_PATTERN) ?? []) {
    if (found in MARKERS) {
      const marker = found as Marker;
      return { marker, behaviour: MARKERS[marker], once: ONCE_MARKERS.has(marker) };
    }
  }
  return undefined;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER_PATTERN, ' ').replace(/\s+/g, ' ').trim();
}

/** The normal reply to a user text: tests can compute what the server will say. */
export function replyText(input: string): string {
  const said = stripMarkers(input);
  return said ? `Test reply to: ${said}` : 'Test reply.';
}

export function slowReplyText(input: string, extraTokens: number): string {
  const extra = Array.from({ length: extraTokens }, (_, i) => `slow${i + 1}`).join(' ');
  return extra ? `${replyText(input)} ${extra}` : replyText(input);
}

/** The reply of a `long` behaviour: exactly `tokens` tokens (at least the normal reply's). */
export function longReplyText(input: string, tokens: number): string {
  const head = tokenize(replyText(input));
  const extra = Array.from({ length: Math.max(0, tokens - head.length) }, (_, i) => ` w${i + 1}`);
  return head.join('') + extra.join('');
}

/** A title for the exchange a title request sends: the first words of the user message. */
export function titleText(input: string): string {
  const user =
    /User message:\s*\n([\s\S]*?)(?:\n\s*\nAssistant reply:|$)/.exec(input)?.[1] ?? input;
  const words = stripMarkers(user).split(' ').filter(Boolean).slice(0, 6);
  if (words.length === 0) return 'Test chat';
  const title = words.join(' ');
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/** Splits text into stream tokens (each word with its leading whitespace); joins back exactly. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
