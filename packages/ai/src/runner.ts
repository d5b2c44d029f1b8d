// Binds the package's operations to one configuration and one OpenAI client, so the
// app creates a runner once per process and tests create one per test server.

import type OpenAI from 'openai';
import { ensureConversation } from './conversation';
import type { AiConfig } from './env';
import { listModels } from './models';
import { createOpenAIClient } from './provider';
import { runAssistant } from './run';
import { generateTitle, type TitleOptions } from './title';
import type { EnsureConversationParams, GenerateTitleParams, RunEvent, RunParams } from './types';

export interface AssistantRunnerOptions {
  /** Model for titles when the caller names none. */
  titleModel?: string | undefined;
  titleTimeoutMs?: number | undefined;
  /** A prepared client (tests); by default one is built from the config. */
  client?: OpenAI | undefined;
}

export interface AssistantRunner {
  /** False when no API key is set: replies then fail with `not_configured`. */
  readonly configured: boolean;
  /** Returns the chat's conversation id, creating it lazily; throws AiError on failure. */
  ensureConversation(params: EnsureConversationParams): Promise<string>;
  /** Streams one reply; ends with exactly one completed/failed/cancelled event; never throws. */
  run(params: RunParams): AsyncIterable<RunEvent>;
  /** A short chat title, or a fallback from the user's text; never throws. */
  generateTitle(params: GenerateTitleParams): Promise<string>;
  /** The provider's model ids; throws AiError when it cannot be reached. */
  listModels(options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<string[]>;
}

export function createAssistantRunner(
  config: AiConfig,
  options: AssistantRunnerOptions = {},
): AssistantRunner {
  const client = options.client ?? createOpenAIClient(config);
  const titleOptions: TitleOptions = {
    model: options.titleModel,
    timeoutMs: options.titleTimeoutMs,
  };
  return {
    configured: client !== undefined,
    ensureConversation: (params) => ensureConversation(client, params),
    run: (params) => runAssistant(client, params),
    generateTitle: (params) => generateTitle(client, params, titleOptions),
    listModels: (options) => listModels(client, options),
  };
}
