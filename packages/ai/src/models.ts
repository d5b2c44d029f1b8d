// The provider's model list (`GET /models`), for the assistants console's model picker. Any
// OpenAI-compatible server may lack the endpoint, so callers treat a failure as "type a model".

import type OpenAI from 'openai';
import { classifyError } from './classify-error';
import { AiError } from './errors';

/** Model ids the provider offers, sorted; throws AiError when it cannot be reached. */
export async function listModels(
  client: OpenAI | undefined,
  options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {},
): Promise<string[]> {
  if (!client) throw new AiError('not_configured', 'OPENAI_API_KEY is not set');
  try {
    const ids: string[] = [];
    for await (const model of client.models.list({
      signal: options.signal,
      timeout: options.timeoutMs ?? 5_000,
      maxRetries: 0,
    })) {
      ids.push(model.id);
      if (ids.length >= 2000) break;
    }
    return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
  } catch (error) {
    const { code, detail } = classifyError(error);
    throw new AiError(code, `listing models failed: ${detail}`, { cause: error });
  }
}
