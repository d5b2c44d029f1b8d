// What a run sends the model: the branch the reply sits on, read from our database. The reply's
// ancestors, root first, become the input turns, so the model sees exactly the branch on screen
// (never another branch, never a question twice), and a chat older than OpenAI's retention, or
// whose OpenAI-side thread is gone, continues from what is stored here.
import { type ConversationTurn, lastQuestion } from '@zatten/ai';
import {
  type Attachment,
  attachmentsOfMessages,
  branchPath,
  type ChatRow,
  DataError,
  type MessageRow,
  requireChat,
  type Tx,
} from '@zatten/db';
import type { StartRun } from './manager';

/**
 * The turns of a branch. Questions always count. A reply counts with the text the person saw:
 * complete, or stopped with some text kept; a failed attempt is left out (its partial text was
 * shown as an error, and retrying it replaces it). The reply being written is not an ancestor.
 */
export function branchTurns(path: readonly MessageRow[]): ConversationTurn[] {
  return turnsWithIds(path).map(({ turn }) => turn);
}

function turnsWithIds(path: readonly MessageRow[]): { id: string; turn: ConversationTurn }[] {
  const turns: { id: string; turn: ConversationTurn }[] = [];
  for (const message of path) {
    if (message.role === 'user') {
      turns.push({ id: message.id, turn: { role: 'user', text: message.content } });
    } else if (
      message.role === 'assistant' &&
      (message.status === 'complete' || message.status === 'cancelled') &&
      message.content.length > 0
    ) {
      turns.push({ id: message.id, turn: { role: 'assistant', text: message.content } });
    }
  }
  return turns;
}

/**
 * Everything a run of `reply` needs but the assistant, read in the caller's transaction (under
 * its RLS scope), with the chat the assistant is resolved from (run-assistant.ts, on the service
 * path: users cannot read instructions). `reply` is the row the caller's transaction just wrote
 * (begin_reply / restart_reply); `chat`, when given, is the chat row that transaction locked
 * (a send does not change the columns read here), so neither is read twice. `noFiles`: the
 * caller knows that no message of the chat has files (then they are not looked for).
 */
export async function resolveRunParams(
  tx: Tx,
  userId: string,
  reply: MessageRow,
  lockedChat?: ChatRow,
  options: { noFiles?: boolean } = {},
): Promise<{ params: Omit<StartRun, 'assistant'>; chat: ChatRow; reply: MessageRow }> {
  const chat =
    lockedChat && lockedChat.id === reply.chat_id
      ? lockedChat
      : await requireChat(tx, reply.chat_id);
  const path = reply.parent_id ? await branchPath(tx, chat.id, reply.parent_id) : [];
  // Which turn each question's files go with (their bytes are read once the run starts).
  // A chat whose messages have no files (known from the admission statement) needs no read.
  const files = options.noFiles
    ? []
    : await attachmentsOfMessages(
        tx,
        path.filter((message) => message.role === 'user').map((message) => message.id),
      );
  return { params: runParamsOf(userId, chat, reply, path, files), chat, reply };
}

/**
 * What `resolveRunParams` makes of what it read: `path` is the branch from the root to the
 * reply's question (the reply's ancestors), `files` the attachments of its questions.
 */
export function runParamsOf(
  userId: string,
  chat: ChatRow,
  reply: MessageRow,
  path: readonly MessageRow[],
  files: readonly Attachment[],
): Omit<StartRun, 'assistant'> {
  const turns = turnsWithIds(path);
  const history = turns.map(({ turn }) => turn);
  const attachments = new Map<number, Attachment[]>();
  turns.forEach(({ id }, index) => {
    const own = files.filter((file) => file.messageId === id);
    if (own.length) attachments.set(index, own);
  });
  if (path.at(-1)?.role !== 'user') {
    throw new DataError('invalid_input', 'no_question', 'This reply answers no message.');
  }
  return {
    messageId: reply.id,
    chatId: chat.id,
    userId,
    userText: lastQuestion(history),
    history,
    nameChat: chat.title_source === 'placeholder',
    attachments,
  };
}
