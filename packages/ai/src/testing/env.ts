// The OpenAI test server CLI's own settings (a test tool, not part of the app's configuration).
import { envPiece } from '@zatten/config';
import { z } from 'zod';

const delay = z.coerce.number().int('must be a whole number of ms').min(0, 'must be ≥ 0');

export function readTestServerEnv() {
  return envPiece({
    OPENAI_TEST_SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    OPENAI_TEST_SERVER_API_KEY: z.string().optional(),
    OPENAI_TEST_SERVER_TOKEN_DELAY_MS: delay.default(15),
    OPENAI_TEST_SERVER_SLOW_TOKEN_DELAY_MS: delay.default(150),
  });
}
