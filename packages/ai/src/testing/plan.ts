// Turns a streaming-kind behaviour into a concrete plan: which tokens to send, how fast,
// and how the response ends. Error-status behaviours never reach a plan.

import { type Behaviour, longReplyText, replyText, slowReplyText, tokenize } from './behaviours';

export type PlanEnding =
  | 'completed'
  | 'refusal'
  | 'failed'
  | 'error_event'
  | 'incomplete'
  | 'drop'
  | 'stall';

export interface ReplyPlan {
  tokens: string[];
  tokenDelayMs: number;
  firstTokenDelayMs: number;
  ending: PlanEnding;
  /** Tokens sent before a failed/incomplete/drop/stall ending. */
  stopAfter: number;
  failure?: { code: string; message: string };
  incompleteReason?: string;
  /** A gate the last token waits for. */
  hold?: string;
}

export interface PlanDefaults {
  tokenDelayMs: number;
  slowTokenDelayMs: number;
  slowExtraTokens: number;
  longReplyTokens: number;
  /** Tokens sent before failing, dropping or stalling when the behaviour names none. */
  partialTokens: number;
}

export type StreamBehaviour = Extract<
  Behaviour,
  {
    kind:
      | 'reply'
      | 'slow'
      | 'long'
      | 'refusal'
      | 'failed'
      | 'error_event'
      | 'incomplete'
      | 'drop'
      | 'stall';
  }
>;

export function planFor(behaviour: StreamBehaviour, input: string, d: PlanDefaults): ReplyPlan {
  const normal = tokenize(replyText(input));
  const base = { tokenDelayMs: d.tokenDelayMs, firstTokenDelayMs: 0, stopAfter: normal.length };
  switch (behaviour.kind) {
    case 'reply': {
      const tokens = behaviour.text === undefined ? normal : tokenize(behaviour.text);
      return {
        ...base,
        tokens,
        tokenDelayMs: behaviour.tokenDelayMs ?? d.tokenDelayMs,
        firstTokenDelayMs: behaviour.firstTokenDelayMs ?? 0,
        ending: 'completed',
        stopAfter: tokens.length,
      };
    }
    case 'slow': {
      const tokens = tokenize(slowReplyText(input, behaviour.extraTokens ?? d.slowExtraTokens));
      const tokenDelayMs = behaviour.tokenDelayMs ?? d.slowTokenDelayMs;
      const plan = { ...base, tokens, tokenDelayMs, ending: 'completed' as const };
      return {
        ...plan,
        stopAfter: tokens.length,
        ...(behaviour.hold ? { hold: behaviour.hold } : {}),
      };
    }
    case 'long': {
      const tokens = tokenize(longReplyText(input, behaviour.tokens ?? d.longReplyTokens));
      return { ...base, tokens, tokenDelayMs: 0, ending: 'completed', stopAfter: tokens.length };
    }
    case 'refusal': {
      const text = behaviour.text ?? "I'm sorry, but I can't help with that.";
      const tokens = tokenize(text);
      return { ...base, tokens, ending: 'refusal', stopAfter: tokens.length };
    }
    case 'failed':
    case 'error_event':
      return {
        ...base,
        tokens: normal,
        ending: behaviour.kind,
        stopAfter: behaviour.afterTokens ?? d.partialTokens,
        failure: {
          code: behaviour.code ?? 'server_error',
          message:
            behaviour.message ??
            'The server had an error while processing your request. Sorry about that!',
        },
      };
    case 'incomplete':
      return {
        ...base,
        tokens: normal,
        ending: 'incomplete',
        stopAfter: behaviour.afterTokens ?? d.partialTokens,
        incompleteReason: behaviour.reason ?? 'max_output_tokens',
      };
    case 'drop':
    case 'stall':
      return {
        ...base,
        tokens: normal,
        ending: behaviour.kind,
        stopAfter: behaviour.afterTokens ?? d.partialTokens,
      };
  }
}
