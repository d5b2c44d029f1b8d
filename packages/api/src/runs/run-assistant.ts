// The assistant settings a run sends upstream: the assistant that the reply was started with
// (recorded on the reply by the database) and, unless the person or the chat switched them off,
// the person's own instructions on top of the assistant's. Read inside the transaction that puts
// the reply in flight, so a run never starts from settings that transaction did not see.
import {
  type AssistantRow,
  asService,
  type ChatRow,
  composeInstructions,
  getAssistantForRun,
  getPersonalInstructions,
  type MessageRow,
  type Tx,
} from '@zatten/db';

export async function runAssistant(
  tx: Tx,
  userId: string,
  chat: Pick<ChatRow, 'assistant_id' | 'personal_instructions'>,
  reply: Pick<MessageRow, 'assistant_id'>,
): Promise<AssistantRow> {
  // Instructions are not readable by `authenticated`: the service role reads them.
  const assistant = await asService(tx, (service) =>
    getAssistantForRun(service, reply.assistant_id ?? chat.assistant_id),
  );
  // The person's own texts, under their RLS scope.
  const personal = chat.personal_instructions ? await getPersonalInstructions(tx, userId) : null;
  return {
    ...assistant,
    instructions: composeInstructions(assistant.instructions, personal?.enabled ? personal : null),
  };
}
