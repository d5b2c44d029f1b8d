// A branch of a chat as the Responses API input: the turns the person sees on screen, oldest
// first, as plain message items. Sent whole on every run, so the model sees exactly that branch
// (never another branch's text, never a question twice) whatever OpenAI still stores, and any
// server that implements only POST /v1/responses can answer it.
//
// Files go inline, in the question they were sent with: images as `input_image` with a base64
// data URL, PDFs as `input_file` with `file_data`, text files as text. Why inline rather than the
// Files API (upload once, send the `file_id`): the input is rebuilt from our database on every
// run, so inline data keeps one source of truth: nothing to create, track, expire or delete on
// OpenAI's side when a chat or person is deleted (a stored file would outlive our deletion unless
// we also called DELETE /v1/files), no second request before a reply starts, and it works with any
// OpenAI-compatible server that implements only POST /v1/responses. The cost is re-sending the
// bytes with each reply of that branch; files are capped (ATTACHMENT_MAX_FILE_BYTES, 10 MiB by
// default, within the API's 50 MB per request) and a branch's files are usually few.
import type {
  ResponseInputItem,
  ResponseInputMessageContentList,
} from 'openai/resources/responses/responses';

/** A file sent with a question, as the run read it from storage. */
export interface TurnFile {
  name: string;
  mimeType: string;
  kind: 'image' | 'pdf' | 'text';
  bytes: Uint8Array;
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
  /** Files sent with a question. */
  files?: readonly TurnFile[];
}

/** Attribute-safe file name for the labels the model reads. */
const label = (name: string) => name.replace(/["<>\r\n]/g, '_');

/** The content parts of one file: a label naming it, then the file itself. */
function fileParts(file: TurnFile): ResponseInputMessageContentList {
  const base64 = () => Buffer.from(file.bytes).toString('base64');
  const name = label(file.name);
  if (file.kind === 'text') {
    const text = new TextDecoder().decode(file.bytes);
    return [
      {
        type: 'input_text',
        text: `<file name="${name}" type="${file.mimeType}">\n${text}\n</file>`,
      },
    ];
  }
  const head = {
    type: 'input_text' as const,
    text: `<file name="${name}" type="${file.mimeType}"/>`,
  };
  if (file.kind === 'image') {
    return [
      head,
      {
        type: 'input_image',
        detail: 'auto',
        image_url: `data:${file.mimeType};base64,${base64()}`,
      },
    ];
  }
  return [
    head,
    {
      type: 'input_file',
      filename: file.name,
      file_data: `data:${file.mimeType};base64,${base64()}`,
    },
  ];
}

/** The input items for `turns`; the last one is the question being answered. */
export function responseInput(turns: readonly ConversationTurn[]): ResponseInputItem[] {
  return turns.map((turn): ResponseInputItem => {
    if (turn.role === 'user' && turn.files?.length) {
      return {
        type: 'message',
        role: 'user',
        content: [...turn.files.flatMap(fileParts), { type: 'input_text', text: turn.text }],
      };
    }
    // Earlier replies go back as assistant messages with plain text content (EasyInputMessage),
    // the form the API documents for replaying a conversation's history.
    return { type: 'message', role: turn.role, content: turn.text };
  });
}

/** The question a branch ends with (the text a title is made from). */
export function lastQuestion(turns: readonly ConversationTurn[]): string {
  return turns.findLast((turn) => turn.role === 'user')?.text ?? '';
}
