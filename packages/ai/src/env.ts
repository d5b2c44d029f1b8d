// The OpenAI settings this package needs: its piece of the one configuration (@zatten/config).
// A missing key is allowed: the app still starts and replies fail with `not_configured`.
import { envPiece, type PieceOptions, type RuntimeEnv } from '@zatten/config';
import { z } from 'zod';

/** Blank values count as unset, as shells and .env files often leave them empty. */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const aiEnvShape = {
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url('must be a URL').optional()),
  OPENAI_ORG_ID: optionalString,
  OPENAI_PROJECT_ID: optionalString,
};

export type AiEnv = z.output<z.ZodObject<typeof aiEnvShape>>;

export interface AiConfig {
  apiKey?: string | undefined;
  /** Any OpenAI-compatible base URL ending in /v1; defaults to https://api.openai.com/v1. */
  baseURL?: string | undefined;
  organization?: string | undefined;
  project?: string | undefined;
}

/** The OpenAI variables as the configuration holds them (for composition). */
export function aiEnv(source?: RuntimeEnv, options: Omit<PieceOptions, 'source'> = {}): AiEnv {
  return envPiece(aiEnvShape, { ...options, source });
}

/** What the runner needs, from the configuration's OpenAI variables. */
export function aiConfigFrom(env: AiEnv): AiConfig {
  return {
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL,
    organization: env.OPENAI_ORG_ID,
    project: env.OPENAI_PROJECT_ID,
  };
}

/** Validates the OpenAI variables; throws one EnvError naming each bad variable. */
export function readAiEnv(source?: RuntimeEnv): AiConfig {
  return aiConfigFrom(aiEnv(source));
}
