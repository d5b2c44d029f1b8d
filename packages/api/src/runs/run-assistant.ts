// The assistant settings a run sends upstream: the assistant that the reply was started with
// (recorded on the reply by the database) and, unless the person or the chat switched them off,
// the person's own instructions on top of the assistant's.
import {
  type AssistantRow,
  type ChatRow,
  composeInstructions,
  getAssistantForRun,
  getPersonalInstructions,
  type MessageRow,
  withService,
  withUser,
} from '@zatten/db';
import type { ApiServices } from '../services';

export async function runAssistant(
  services: ApiServices,
  userId: string,
  chat: Pick<ChatRow, 'assistant_id' | 'personal_instructions'>,
  reply: Pick<MessageRow, 'assistant_id'>,
): Promise<AssistantRow> {
  const [assistant, personal] = await Promise.all([
    // Instructions are not readable by `authenticated`: the service path reads them.
    withService(services.database, (tx) =>
      getAssistantForRun(tx, reply.assistant_id ?? chat.assistant_id),
    ),
    chat.personal_instructions
      ? withUser(services.database, userId, (tx) => getPersonalInstructions(tx, userId))
      : null,
  ]);
  return {
    ...assistant,
    instructions: composeInstructions(assistant.instructions, personal?.enabled ? personal : null),
  };
}
