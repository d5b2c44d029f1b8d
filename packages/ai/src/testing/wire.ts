// Objects in the shapes the OpenAI API documents: ids, error bodies, conversations and
// Response objects, so the official SDK reads the test server as it reads the real API.

import { randomBytes } from 'node:crypto';

export function openaiId(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(
  message: string,
  type = 'invalid_request_error',
  param: string | null = null,
  code: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

export const ERRORS = {
  missingKey: errorBody(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
  ),
  wrongKey: (key: string) =>
    errorBody(
      `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      null,
      'invalid_api_key',
    ),
  rateLimited: (model: string) =>
    errorBody(
      `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again shortly.`,
      'requests',
      null,
      'rate_limit_exceeded',
    ),
  quota: errorBody(
    'You exceeded your current quota, please check your plan and billing details.',
    'insufficient_quota',
    null,
    'insufficient_quota',
  ),
  server: errorBody(
    'The server had an error while processing your request. Sorry about that!',
    'server_error',
  ),
  contextTooLong: errorBody(
    'Your input exceeds the context window of this model. Please adjust your input and try again.',
    'invalid_request_error',
    'input',
    'context_length_exceeded',
  ),
  badJson: errorBody(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
  ),
  missingParam: (name: string) =>
    errorBody(
      `Missing required parameter: '${name}'.`,
      'invalid_request_error',
      name,
      'missing_required_parameter',
    ),
  invalidType: (name: string, expected: string) =>
    errorBody(
      `Invalid type for '${name}': expected ${expected}.`,
      'invalid_request_error',
      name,
      'invalid_type',
    ),
  invalidValue: (name: string, message: string) =>
    errorBody(`Invalid '${name}': ${message}`, 'invalid_request_error', name, 'invalid_value'),
  mutuallyExclusive: errorBody(
    "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
    'invalid_request_error',
    'conversation',
    'mutually_exclusive_parameters',
  ),
  conversationNotFound: (id: string) =>
    errorBody(`Conversation with id '${id}' not found.`, 'invalid_request_error', 'conversation'),
  previousResponseNotFound: (id: string) =>
    errorBody(
      `Previous response with id '${id}' not found.`,
      'invalid_request_error',
      'previous_response_id',
      'previous_response_not_found',
    ),
  invalidUrl: (method: string, path: string) =>
    errorBody(`Invalid URL (${method} ${path})`, 'invalid_request_error'),
};

function maskKey(key: string): string {
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}*****${key.slice(-4)}`;
}

export interface ConversationObject {
  id: string;
  object: 'conversation';
  created_at: number;
  metadata: Record<string, string>;
}

export function conversationObject(metadata: Record<string, string>): ConversationObject {
  return { id: openaiId('conv'), object: 'conversation', created_at: nowSeconds(), metadata };
}

export type OutputContent =
  | { type: 'output_text'; text: string; annotations: []; logprobs: [] }
  | { type: 'refusal'; refusal: string };

export interface MessageItem {
  id: string;
  type: 'message';
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: OutputContent[];
}

export const outputText = (text: string): OutputContent => ({
  type: 'output_text',
  text,
  annotations: [],
  logprobs: [],
});

export interface Usage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export function usage(inputTokens: number, outputTokens: number): Usage {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

export type ResponseStatus = 'in_progress' | 'completed' | 'failed' | 'incomplete';

/** The request fields a Response object echoes back. */
export interface ResponseRequestEcho {
  model: string;
  instructions?: unknown;
  conversation?: string | undefined;
  previous_response_id?: string | undefined;
  temperature?: number | undefined;
  max_output_tokens?: number | undefined;
  store?: boolean | undefined;
  metadata?: Record<string, string> | undefined;
}

/** A Response object; fields follow the documented object, values are plausible defaults. */
export function responseObject(
  id: string,
  createdAt: number,
  request: ResponseRequestEcho,
  status: ResponseStatus,
  extra: {
    output?: MessageItem[];
    usage?: Usage | null;
    error?: { code: string; message: string } | null;
    incompleteReason?: string;
  } = {},
): Record<string, unknown> {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    background: false,
    completed_at: status === 'completed' ? nowSeconds() : null,
    conversation: request.conversation ? { id: request.conversation } : null,
    error: extra.error ?? null,
    incomplete_details: extra.incompleteReason ? { reason: extra.incompleteReason } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    max_tool_calls: null,
    metadata: request.metadata ?? {},
    model: request.model,
    output: extra.output ?? [],
    parallel_tool_calls: true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: request.store ?? true,
    temperature: request.temperature ?? 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    usage: extra.usage ?? null,
    user: null,
  };
}
