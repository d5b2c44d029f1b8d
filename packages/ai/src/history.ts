// A branch of a chat as the Responses API input: the turns the person sees on screen, oldest
// first, as plain message items. Sent whole on every run, so the model sees exactly that branch
// (never another branch's text, never a question twice) whatever OpenAI still stores, and any
// server that implements only POST /v1/responses can answer it.
import type { ResponseInputItem } from 'openai/resources/responses/responses';

export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** The input items for `turns`; the last one is the question being answered. */
export function responseInput(turns: readonly ConversationTurn[]): ResponseInputItem[] {
  return turns.map((turn) =>
    // Earlier replies go back as assistant messages with plain text content (EasyInputMessage),
    // the form the API documents for replaying a conversation's history.
    ({ type: 'message', role: turn.role, content: turn.text }),
  );
}

/** The question a branch ends with (the text a title is made from). */
export function lastQuestion(turns: readonly ConversationTurn[]): string {
  return turns.findLast((turn) => turn.role === 'user')?.text ?? '';
}
