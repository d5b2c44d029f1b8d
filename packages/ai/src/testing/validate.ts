// Rejects malformed Responses and Conversations requests the way the OpenAI API does:
// 400 invalid_request_error with the offending parameter named.

import { ERRORS, type OpenAIErrorBody } from './wire';

export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; body: OpenAIErrorBody };

export interface ResponsesBody {
  model: string;
  input: unknown;
  instructions?: unknown;
  conversation?: string | undefined;
  previous_response_id?: string | undefined;
  stream: boolean;
  store?: boolean | undefined;
  temperature?: number | undefined;
  max_output_tokens?: number | undefined;
  metadata?: Record<string, string> | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bad = <T>(body: OpenAIErrorBody): Validation<T> => ({ ok: false, status: 400, body });

export function validateResponsesBody(
  raw: unknown,
  knownConversation: (id: string) => boolean,
  knownResponse: (id: string) => boolean,
): Validation<ResponsesBody> {
  if (!isRecord(raw)) return bad(ERRORS.badJson);
  const { model, input, conversation, previous_response_id, temperature, max_output_tokens } = raw;
  if (model === undefined || model === null || model === '')
    return bad(ERRORS.missingParam('model'));
  if (typeof model !== 'string') return bad(ERRORS.invalidType('model', 'a string'));
  if (input === undefined || input === null) return bad(ERRORS.missingParam('input'));
  if (typeof input !== 'string' && !Array.isArray(input)) {
    return bad(ERRORS.invalidType('input', 'a string or an array of input items'));
  }
  if (Array.isArray(input)) {
    const items = validateInputItems(input);
    if (!items.ok) return items;
  }
  const conversationId = isRecord(conversation) ? conversation.id : conversation;
  if (conversationId != null && previous_response_id != null) return bad(ERRORS.mutuallyExclusive);
  if (conversationId != null) {
    if (typeof conversationId !== 'string')
      return bad(ERRORS.invalidType('conversation', 'a string'));
    if (!knownConversation(conversationId)) return bad(ERRORS.conversationNotFound(conversationId));
  }
  if (previous_response_id != null) {
    if (typeof previous_response_id !== 'string' || !knownResponse(previous_response_id)) {
      return bad(ERRORS.previousResponseNotFound(String(previous_response_id)));
    }
  }
  if (
    temperature != null &&
    (typeof temperature !== 'number' || temperature < 0 || temperature > 2)
  ) {
    return bad(
      ERRORS.invalidValue('temperature', 'decimal out of range. Expected a value between 0 and 2.'),
    );
  }
  if (
    max_output_tokens != null &&
    (typeof max_output_tokens !== 'number' ||
      !Number.isInteger(max_output_tokens) ||
      max_output_tokens < 16)
  ) {
    return bad(
      ERRORS.invalidValue(
        'max_output_tokens',
        'integer below minimum value. Expected a value >= 16.',
      ),
    );
  }
  const metadata = validateMetadata(raw.metadata);
  if (!metadata.ok) return metadata;
  return {
    ok: true,
    value: {
      model,
      input,
      instructions: raw.instructions,
      conversation: conversationId ?? undefined,
      previous_response_id: (previous_response_id as string | null | undefined) ?? undefined,
      stream: raw.stream === true,
      store: typeof raw.store === 'boolean' ? raw.store : undefined,
      temperature: (temperature as number | null | undefined) ?? undefined,
      max_output_tokens: (max_output_tokens as number | null | undefined) ?? undefined,
      metadata: metadata.value,
    },
  };
}

const MESSAGE_ROLES = ['user', 'assistant', 'system', 'developer'];
// Content part types each role may send in a message item's content array.
const PART_TYPES: Record<string, readonly string[]> = {
  user: ['input_text', 'input_image', 'input_file'],
  system: ['input_text'],
  developer: ['input_text'],
  assistant: ['output_text', 'refusal'],
};

/**
 * Message items as the API checks them: a known role, and content that is a string or an array
 * of parts the role may send. Other item types (function outputs, references) pass untouched.
 */
export function validateInputItems(items: unknown[]): Validation<unknown[]> {
  for (const [index, item] of items.entries()) {
    const at = `input[${index}]`;
    if (!isRecord(item)) return bad(ERRORS.invalidType(at, 'an object'));
    const type = item.type ?? 'message';
    if (type !== 'message') continue;
    if (item.role === undefined) return bad(ERRORS.missingParam(`${at}.role`));
    if (typeof item.role !== 'string' || !MESSAGE_ROLES.includes(item.role)) {
      return bad(
        ERRORS.invalidValue(
          `${at}.role`,
          `'${String(item.role)}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
        ),
      );
    }
    if (item.content === undefined) return bad(ERRORS.missingParam(`${at}.content`));
    if (typeof item.content === 'string') continue;
    if (!Array.isArray(item.content)) {
      return bad(ERRORS.invalidType(`${at}.content`, 'a string or an array of content parts'));
    }
    const allowed = PART_TYPES[item.role] ?? [];
    for (const [partIndex, part] of item.content.entries()) {
      const type = isRecord(part) ? part.type : undefined;
      if (typeof type !== 'string' || !allowed.includes(type)) {
        return bad(
          ERRORS.invalidValue(
            `${at}.content[${partIndex}].type`,
            `'${String(type)}'. Supported values are: ${allowed.map((t) => `'${t}'`).join(', ')}.`,
          ),
        );
      }
      const invalid = invalidPart(part as Record<string, unknown>, `${at}.content[${partIndex}]`);
      if (invalid) return bad(invalid);
    }
  }
  return { ok: true, value: items };
}

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,[A-Za-z0-9+/]+=*$/;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/**
 * The documented fields of the input parts (issue 16): `input_text` has `text`; `input_image` an
 * `image_url` (https or a base64 data URL of PNG, JPEG, WebP or GIF) or a `file_id`, and `detail`
 * low | high | auto; `input_file` exactly one of `file_data` (base64, with a `filename`),
 * `file_id` or `file_url`.
 */
function invalidPart(part: Record<string, unknown>, at: string): OpenAIErrorBody | null {
  if (part.type === 'input_text' || part.type === 'output_text') {
    return typeof part.text === 'string' ? null : ERRORS.invalidType(`${at}.text`, 'a string');
  }
  if (part.type === 'input_image') {
    if (part.detail !== undefined && !['low', 'high', 'auto'].includes(String(part.detail))) {
      return ERRORS.invalidValue(
        `${at}.detail`,
        `'${String(part.detail)}'. Supported values are: 'low', 'high', and 'auto'.`,
      );
    }
    if (typeof part.file_id === 'string') return null;
    if (typeof part.image_url !== 'string') return ERRORS.missingParam(`${at}.image_url`);
    if (part.image_url.startsWith('https://')) return null;
    const type = DATA_URL.exec(part.image_url)?.[1];
    if (!type || !IMAGE_TYPES.includes(type)) {
      return ERRORS.invalidValue(
        `${at}.image_url`,
        'Expected a valid URL or a base64 data URL of a PNG, JPEG, WebP or GIF image.',
      );
    }
    return null;
  }
  if (part.type === 'input_file') {
    const sources = ['file_data', 'file_id', 'file_url'].filter((key) => part[key] !== undefined);
    if (sources.length !== 1) {
      return ERRORS.invalidValue(at, 'Expected exactly one of file_data, file_id or file_url.');
    }
    if (part.file_data !== undefined) {
      if (
        typeof part.file_data !== 'string' ||
        !(DATA_URL.test(part.file_data) || /^[A-Za-z0-9+/]+=*$/.test(part.file_data))
      ) {
        return ERRORS.invalidValue(`${at}.file_data`, 'Expected base64 file data.');
      }
      if (typeof part.filename !== 'string' || part.filename.length === 0) {
        return ERRORS.missingParam(`${at}.filename`);
      }
    }
    return null;
  }
  return null;
}

/** Metadata: at most 16 string pairs, keys up to 64 and values up to 512 characters. */
export function validateMetadata(raw: unknown): Validation<Record<string, string> | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (!isRecord(raw)) return bad(ERRORS.invalidType('metadata', 'an object'));
  const entries = Object.entries(raw);
  if (entries.length > 16) {
    return bad(ERRORS.invalidValue('metadata', 'too many keys. Expected at most 16 keys.'));
  }
  for (const [key, value] of entries) {
    if (key.length > 64) {
      return bad(ERRORS.invalidValue('metadata', 'key too long. Expected at most 64 characters.'));
    }
    if (typeof value !== 'string') return bad(ERRORS.invalidType(`metadata.${key}`, 'a string'));
    if (value.length > 512) {
      return bad(
        ERRORS.invalidValue(`metadata.${key}`, 'string too long. Expected at most 512 characters.'),
      );
    }
  }
  return { ok: true, value: raw as Record<string, string> };
}

/** The user's text from `input`: the string itself, or the last user message's text. */
export function inputText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  const users = input.filter(
    (item): item is Record<string, unknown> => isRecord(item) && (item.role ?? 'user') === 'user',
  );
  const last = users.at(-1);
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  if (!Array.isArray(last.content)) return '';
  return last.content
    .map((part) =>
      // The labels and text files the app puts before a question (<file name="...">) are files.
      isRecord(part) && typeof part.text === 'string' && !part.text.startsWith('<file name="')
        ? part.text
        : '',
    )
    .join('');
}

/**
 * The files the last user message carries, by name and kind: images (`input_image`), files
 * (`input_file`, e.g. PDFs) and text files, named by the app's `<file name="...">` labels or by
 * `filename`. The test server's reply names them, so tests see what reached the model.
 */
export function inputFiles(input: unknown): { name: string; kind: 'image' | 'file' | 'text' }[] {
  if (!Array.isArray(input)) return [];
  const last = input
    .filter(
      (item): item is Record<string, unknown> => isRecord(item) && (item.role ?? 'user') === 'user',
    )
    .at(-1);
  if (!last || !Array.isArray(last.content)) return [];
  const files: { name: string; kind: 'image' | 'file' | 'text' }[] = [];
  let labelled: string | null = null;
  for (const part of last.content) {
    if (!isRecord(part)) continue;
    if (part.type === 'input_text' && typeof part.text === 'string') {
      const match = /^<file name="([^"]*)"[^>]*?(\/?)>/.exec(part.text);
      if (match?.[2] === '/') labelled = match[1] ?? null;
      else if (match) files.push({ name: match[1] ?? '', kind: 'text' });
    } else if (part.type === 'input_image') {
      files.push({ name: labelled ?? 'image', kind: 'image' });
      labelled = null;
    } else if (part.type === 'input_file') {
      files.push({
        name: typeof part.filename === 'string' ? part.filename : (labelled ?? 'file'),
        kind: 'file',
      });
      labelled = null;
    }
  }
  return files;
}
