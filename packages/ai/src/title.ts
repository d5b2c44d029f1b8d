// Chat titles: a short line written by a model from the first exchange, with a fallback
// cut from the user's own words when the model fails or says nothing useful.

import type OpenAI from 'openai';
import type { GenerateTitleParams } from './types';

export const TITLE_MAX_LENGTH = 60;
export const DEFAULT_TITLE_MODEL = 'gpt-5-nano';
const DEFAULT_TITLE = 'New chat';
// The exchange is clipped: a title needs the gist, not a long paste.
const MAX_EXCHANGE_CHARS = 2_000;

const TITLE_INSTRUCTIONS = [
  'You write the title of a chat between a user and an assistant.',
  `Reply with the title only: at most ${TITLE_MAX_LENGTH} characters, on one line,`,
  'without quotes, without a trailing period, and in the same language as the user message.',
].join(' ');

export interface TitleOptions {
  model?: string | undefined;
  timeoutMs?: number | undefined;
}

/** Never throws: any failure or empty output gives the fallback title. */
export async function generateTitle(
  client: OpenAI | undefined,
  params: GenerateTitleParams,
  options: TitleOptions = {},
): Promise<string> {
  const fallback = fallbackTitle(params.userText);
  if (!client) return fallback;
  try {
    const response = await client.responses.create(
      {
        model: params.model ?? options.model ?? DEFAULT_TITLE_MODEL,
        instructions: TITLE_INSTRUCTIONS,
        input: [
          `User message:\n${params.userText.slice(0, MAX_EXCHANGE_CHARS)}`,
          `Assistant reply:\n${params.assistantText.slice(0, MAX_EXCHANGE_CHARS)}`,
        ].join('\n\n'),
        store: false,
      },
      { maxRetries: 0, timeout: options.timeoutMs ?? 15_000, signal: params.signal },
    );
    return cleanTitle(response.output_text) || fallback;
  } catch {
    // A title is cosmetic: the fallback is the whole recovery, so the cause is not needed.
    return fallback;
  }
}

/** A title from the user's first words, within the length bound. */
export function fallbackTitle(userText: string): string {
  return cleanTitle(userText) || DEFAULT_TITLE;
}

/** One line, no quotes, no trailing period, cut at a word boundary within the bound. */
export function cleanTitle(raw: string): string {
  const line =
    raw
      .split(/\r?\n/)
      .map((part) => part.trim())
      .find((part) => part !== '') ?? '';
  const text = line
    .replace(/["“”„«»`]/g, '')
    .replace(/^['‘’]+|['‘’]+$/g, '')
    .replace(/^\s*(title|titre|título|titel)\s*:\s*/i, '')
    .replace(/^[#*_\s]+|[*_\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[.。]+$/, '')
    .trim();
  return truncateAtWord(text, TITLE_MAX_LENGTH);
}

function truncateAtWord(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const lastSpace = cut.lastIndexOf(' ');
  // Cut at the last whole word unless that would throw away most of the line.
  const trimmed = lastSpace >= max / 2 ? cut.slice(0, lastSpace) : cut;
  return trimmed.replace(/[\s,;:.\-–—]+$/, '');
}
