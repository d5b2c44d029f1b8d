// The assistant settings a run sends upstream: the assistant that the reply was started with
// (recorded on the reply by the database) and, unless the person or the chat switched them off,
// the person's own instructions on top of the assistant's. Read inside the transaction that puts
// the reply in flight, so a run never starts from settings that transaction did not see.
//
// The assistant's full row (instructions included, readable on the service path only) is kept
// per process, keyed by id and `updated_at` (every update of an assistant moves it: the
// assistants_touch trigger). A send that has read the assistant's public row under the person's
// RLS scope in its own transaction knows that version, so a cached row of the same version is the
// row that transaction would read: no role switch and no extra round trip.
import {
  type AssistantRow,
  type ChatRow,
  composeInstructions,
  getAssistantForRun,
  getPersonalInstructions,
  type MessageRow,
  type PersonalInstructions,
  type PublicAssistant,
  type Tx,
} from '@zatten/db';

const MAX_CACHED = 500;

/** Assistants' full rows by id, each valid for the `updated_at` it was read with. */
export class AssistantCache {
  private readonly rows = new Map<string, AssistantRow>();

  /** The cached row of exactly this version, if any. */
  get(id: string, updatedAt: string): AssistantRow | undefined {
    const row = this.rows.get(id);
    return row && row.updated_at === updatedAt ? row : undefined;
  }

  set(row: AssistantRow): void {
    if (this.rows.size >= MAX_CACHED && !this.rows.has(row.id)) this.rows.clear();
    this.rows.set(row.id, row);
  }
}

export interface RunAssistantOptions {
  /**
   * The assistant's public row as the caller's transaction read it (under RLS): when it is the
   * reply's assistant, a cached full row of the same version is used.
   */
  known?: Pick<PublicAssistant, 'id' | 'updated_at'> | undefined;
  cache?: AssistantCache | undefined;
  /**
   * The person's instructions as the caller's transaction read them (runAdmission), under the
   * same RLS scope: then they are not read again.
   */
  personal?: PersonalInstructions | undefined;
  /**
   * Reads the full row on the service path. Default: a role switch around one query; prepareRun
   * passes a reader that keeps the service role to the end of its transaction.
   */
  readAsService: (read: (service: Tx) => Promise<AssistantRow>) => Promise<AssistantRow>;
}

export async function runAssistant(
  tx: Tx,
  userId: string,
  chat: Pick<ChatRow, 'assistant_id' | 'personal_instructions'>,
  reply: Pick<MessageRow, 'assistant_id'>,
  options: RunAssistantOptions,
): Promise<AssistantRow> {
  const id = reply.assistant_id ?? chat.assistant_id;
  // The person's own texts, under their RLS scope (before any switch to the service role).
  const personal = chat.personal_instructions
    ? (options.personal ?? (await getPersonalInstructions(tx, userId)))
    : null;
  const { known, cache } = options;
  let assistant = known && known.id === id ? cache?.get(id, known.updated_at) : undefined;
  if (!assistant) {
    // Instructions are not readable by `authenticated`: the service role reads them.
    assistant = await options.readAsService((service) => getAssistantForRun(service, id ?? ''));
    cache?.set(assistant);
  }
  return {
    ...assistant,
    instructions: composeInstructions(assistant.instructions, personal?.enabled ? personal : null),
  };
}
