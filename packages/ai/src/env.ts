// The OpenAI settings this package needs, read from the environment in this one place.
// A missing key is allowed: the app still starts and replies fail with `not_configured`.

import { z } from 'zod';

/** Blank values count as unset, as shells and .env files often leave them empty. */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const aiEnvSchema = z.object({
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_ORG_ID: optionalString,
  OPENAI_PROJECT_ID: optionalString,
});

export interface AiConfig {
  apiKey?: string | undefined;
  /** Any OpenAI-compatible base URL ending in /v1; defaults to https://api.openai.com/v1. */
  baseURL?: string | undefined;
  organization?: string | undefined;
  project?: string | undefined;
}

/** Validates the OpenAI variables; throws one line naming the bad variable. */
export function readAiEnv(source: Record<string, string | undefined> = process.env): AiConfig {
  const parsed = aiEnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'OPENAI_*';
    throw new Error(`Invalid environment variable ${name}: ${issue?.message ?? 'invalid value'}`);
  }
  return {
    apiKey: parsed.data.OPENAI_API_KEY,
    baseURL: parsed.data.OPENAI_BASE_URL,
    organization: parsed.data.OPENAI_ORG_ID,
    project: parsed.data.OPENAI_PROJECT_ID,
  };
}
