// One streamed Response: sends the request, turns SDK stream events into our run events,
// and reports how the attempt ended. Retries and the final event are run.ts's concern.

import type OpenAI from 'openai';
import type {
  Response as OpenAIResponse,
  ResponseError,
} from 'openai/resources/responses/responses';
import { type ClassifiedError, classifyError } from './classify-error';
import { responseInput } from './history';
import type { RunGuard } from './run-guard';
import type { RunEvent, RunParams, RunUsage } from './types';

/** What the whole run has accumulated so far (shared across attempts). */
export interface RunState {
  text: string;
  responseId: string | undefined;
}

export type AttemptOutcome =
  | { kind: 'completed'; text: string; responseId: string; model: string; usage: RunUsage }
  | { kind: 'failed'; error: ClassifiedError };

// Slack so that our own first-token clock, not the SDK's header timeout, ends a slow start.
const HEADER_TIMEOUT_SLACK_MS = 1_000;

const POLICY_ERROR_CODES = new Set([
  'bio_policy',
  'misalignment_policy_violation',
  'image_content_policy_violation',
]);

export async function* streamAttempt(
  client: OpenAI,
  params: RunParams,
  guard: RunGuard,
  state: RunState,
): AsyncGenerator<RunEvent, AttemptOutcome, undefined> {
  const { assistant } = params;
  let midStream = false;
  let refusal = '';
  try {
    const stream = await client.responses.create(
      {
        model: assistant.model,
        instructions: assistant.instructions,
        ...(params.conversationId ? { conversation: params.conversationId } : {}),
        input: typeof params.input === 'string' ? params.input : responseInput(params.input),
        ...(params.metadata ? { metadata: params.metadata } : {}),
        stream: true,
        ...(assistant.temperature === undefined ? {} : { temperature: assistant.temperature }),
        ...(assistant.maxOutputTokens === undefined
          ? {}
          : { max_output_tokens: assistant.maxOutputTokens }),
      },
      {
        signal: guard.signal,
        maxRetries: 0,
        timeout: guard.msToFirstTokenDeadline + HEADER_TIMEOUT_SLACK_MS,
      },
    );
    midStream = true;
    for await (const event of stream) {
      guard.activity();
      switch (event.type) {
        case 'response.created':
          state.responseId = event.response.id;
          yield { type: 'started', responseId: event.response.id };
          break;
        case 'response.output_text.delta':
          if (!event.delta) break;
          state.text += event.delta;
          guard.firstToken();
          yield { type: 'delta', text: event.delta };
          break;
        case 'response.refusal.delta':
          refusal += event.delta;
          break;
        case 'response.refusal.done':
          refusal = event.refusal;
          break;
        case 'response.completed':
          return completedOutcome(event.response, state, refusal);
        case 'response.failed':
          return failed(codeForResponseError(event.response.error), describe(event.response.error));
        case 'response.incomplete': {
          const reason = event.response.incomplete_details?.reason ?? 'unknown';
          const code = reason === 'content_filter' ? 'content_refused' : 'response_incomplete';
          return failed(code, `response incomplete: ${reason}`);
        }
        default:
          break;
      }
    }
    return failed('connection_lost', 'the event stream ended before the response finished');
  } catch (error) {
    return { kind: 'failed', error: classifyError(error, midStream) };
  }
}

function completedOutcome(
  response: OpenAIResponse,
  state: RunState,
  streamedRefusal: string,
): AttemptOutcome {
  const parts = response.output.flatMap((item) => (item.type === 'message' ? item.content : []));
  const refusal = streamedRefusal || parts.find((part) => part.type === 'refusal')?.refusal || '';
  // Trust the streamed text; fall back to the final output if the server sent no deltas.
  const text =
    state.text || parts.map((part) => (part.type === 'output_text' ? part.text : '')).join('');
  if (refusal && !text) {
    // The model's own words are the most useful answer to show: keep them as the reply's text
    // (the UI shows them as a reply marked as declined, with no retry).
    state.text = refusal;
    return failed('content_refused', 'the model refused');
  }
  const usage = response.usage;
  return {
    kind: 'completed',
    text,
    responseId: response.id,
    model: response.model,
    usage: {
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
      totalTokens: usage?.total_tokens ?? 0,
    },
  };
}

function codeForResponseError(error: ResponseError | null): ClassifiedError['code'] {
  if (error && POLICY_ERROR_CODES.has(error.code)) return 'content_refused';
  return 'response_failed';
}

function describe(error: ResponseError | null): string {
  return error ? `response failed: ${error.code}: ${error.message}` : 'response failed';
}

function failed(code: ClassifiedError['code'], detail: string): AttemptOutcome {
  return { kind: 'failed', error: { code, detail } };
}
