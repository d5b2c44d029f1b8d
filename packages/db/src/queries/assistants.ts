// Assistants: the named model configurations a chat talks to.
import { notFound } from '../errors';
import type { AssistantRow } from '../schema';
import type { Executor } from '../scope';

// What users may read (the instructions column is not granted to them: it is the operator's
// configuration, read by the run on the service path).
const assistantColumns = [
  'id',
  'slug',
  'name',
  'description',
  'model',
  'temperature',
  'max_output_tokens',
  'is_default',
  'archived_at',
  'created_at',
  'updated_at',
] as const;

export type PublicAssistantRow = Omit<AssistantRow, 'instructions'>;

export async function listAssistants(tx: Executor): Promise<PublicAssistantRow[]> {
  return tx
    .selectFrom('assistants')
    .select(assistantColumns)
    .where('archived_at', 'is', null)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

/** The given assistant, or the default one when no id is given. */
export async function resolveAssistant(
  tx: Executor,
  id?: string | null,
): Promise<PublicAssistantRow> {
  let query = tx.selectFrom('assistants').select(assistantColumns).where('archived_at', 'is', null);
  query = id ? query.where('id', '=', id) : query.where('is_default', '=', true);
  const assistant = await query.executeTakeFirst();
  if (!assistant) {
    throw id
      ? notFound('assistant_not_found', `No assistant has the id ${id}.`)
      : notFound('assistant_not_found', 'No default assistant is configured.');
  }
  return assistant;
}

/** The whole configuration a run needs, instructions included: service path only. */
export async function resolveAssistantConfig(
  tx: Executor,
  id?: string | null,
): Promise<AssistantRow> {
  let query = tx
    .selectFrom('assistants')
    .select([...assistantColumns, 'instructions'])
    .where('archived_at', 'is', null);
  query = id ? query.where('id', '=', id) : query.where('is_default', '=', true);
  const assistant = await query.executeTakeFirst();
  if (!assistant) {
    throw id
      ? notFound('assistant_not_found', `No assistant has the id ${id}.`)
      : notFound('assistant_not_found', 'No default assistant is configured.');
  }
  return assistant;
}
