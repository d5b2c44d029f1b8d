// The one place that builds the OpenAI client. Everything is passed explicitly, so the
// SDK never falls back to reading process.env itself.

import OpenAI from 'openai';
import type { AiConfig } from './env';

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Returns a client for the configured API, or undefined when no API key is set.
 * SDK retries are off: the runner retries itself, and only before the first token.
 */
export function createOpenAIClient(config: AiConfig): OpenAI | undefined {
  if (!config.apiKey) return undefined;
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? DEFAULT_OPENAI_BASE_URL,
    organization: config.organization ?? null,
    project: config.project ?? null,
    adminAPIKey: null,
    webhookSecret: null,
    maxRetries: 0,
  });
}
