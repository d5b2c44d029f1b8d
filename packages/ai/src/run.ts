// A run: one assistant reply streamed from a Response in the chat's conversation.
// It yields our own events and always ends with exactly one terminal event; it never throws.

import type OpenAI from 'openai';
import { AUTO_RETRY_CODES, backoffDelay, sleep } from './backoff';
import { type ClassifiedError, classifyError } from './classify-error';
import { AI_ERRORS } from './errors';
import { type RunState, streamAttempt } from './run-attempt';
import { RunGuard } from './run-guard';
import {
  DEFAULT_RUN_LIMITS,
  type RunEvent,
  type RunLimits,
  type RunParams,
  type RunTerminalEvent,
} from './types';

export async function* runAssistant(
  client: OpenAI | undefined,
  params: RunParams,
): AsyncGenerator<RunEvent, void, undefined> {
  const state: RunState = { text: '', responseId: undefined };
  if (!client) {
    yield failedEvent({ code: 'not_configured', detail: 'OPENAI_API_KEY is not set' }, state);
    return;
  }
  const limits = resolveLimits(params.limits);
  const guard = new RunGuard(limits, params.signal);
  try {
    for (let retries = 0; ; retries++) {
      if (guard.stopReason) {
        yield stoppedEvent(guard, state, limits);
        return;
      }
      const outcome = yield* streamAttempt(client, params, guard, state);
      if (guard.stopReason) {
        yield stoppedEvent(guard, state, limits);
        return;
      }
      if (outcome.kind === 'completed') {
        const { kind: _kind, ...completed } = outcome;
        yield { type: 'completed', ...completed };
        return;
      }
      const delay = retryDelay(outcome.error, state, retries, limits, guard);
      if (delay === undefined) {
        yield failedEvent(outcome.error, state);
        return;
      }
      await sleep(delay, guard.signal);
    }
  } catch (error) {
    // Nothing above should throw; if it does, the caller still gets a terminal event.
    yield guard.stopReason
      ? stoppedEvent(guard, state, limits)
      : failedEvent(classifyError(error), state);
  } finally {
    guard.dispose();
  }
}

/** The wait before another attempt, or undefined when this failure is final. */
function retryDelay(
  error: ClassifiedError,
  state: RunState,
  retries: number,
  limits: RunLimits,
  guard: RunGuard,
): number | undefined {
  // Never retry once text was streamed: the user has already seen part of this reply.
  if (state.text || !AUTO_RETRY_CODES.has(error.code) || retries >= limits.maxRetries) {
    return undefined;
  }
  const delay = backoffDelay(retries + 1, limits, error.retryAfterMs);
  // A wait that outlasts the first-token limit would only end in a timeout; report the cause.
  return delay < guard.msToFirstTokenDeadline ? delay : undefined;
}

function resolveLimits(overrides: Partial<RunLimits> | undefined): RunLimits {
  const limits = { ...DEFAULT_RUN_LIMITS };
  for (const key of Object.keys(limits) as (keyof RunLimits)[]) {
    const value = overrides?.[key];
    if (value !== undefined && Number.isFinite(value) && value >= 0) limits[key] = value;
  }
  return limits;
}

function stoppedEvent(guard: RunGuard, state: RunState, limits: RunLimits): RunTerminalEvent {
  if (guard.stopReason === 'cancelled') {
    return {
      type: 'cancelled',
      partialText: state.text,
      ...(state.responseId ? { responseId: state.responseId } : {}),
    };
  }
  const detail =
    guard.stopReason === 'idle_timeout'
      ? `no upstream event for ${limits.idleMs} ms`
      : `no text within ${limits.firstTokenMs} ms`;
  return failedEvent({ code: guard.stopReason ?? 'unknown', detail }, state);
}

function failedEvent(error: ClassifiedError, state: RunState): RunTerminalEvent {
  const info = AI_ERRORS[error.code];
  return {
    type: 'failed',
    code: error.code,
    message: info.message,
    retryable: info.retryable,
    partialText: state.text,
    ...(state.responseId ? { responseId: state.responseId } : {}),
    detail: error.detail,
  };
}
