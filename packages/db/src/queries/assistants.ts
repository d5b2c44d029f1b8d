// Assistants: the named model configurations a chat talks to. What a person may see of one
// (`publicAssistantColumns`) leaves out its instructions, which only the run and admins read.
import { sql } from 'kysely';
import { notFound } from '../errors';
import type { AssistantRow } from '../schema';
import type { Executor } from '../scope';

export const publicAssistantColumns = [
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
  'starter_prompts',
  'visibility',
] as const;

export const assistantColumns = [
  ...publicAssistantColumns,
  'instructions',
  'allowed_users',
] as const;

export type PublicAssistant = Omit<AssistantRow, 'instructions' | 'allowed_users'>;

/** The assistants `userId` may use now (active, and open to them), default first. */
export async function listAssistants(tx: Executor, userId: string): Promise<PublicAssistant[]> {
  return tx
    .selectFrom('assistants')
    .select(publicAssistantColumns)
    .where('archived_at', 'is', null)
    .where(sql<boolean>`public.can_use_assistant(id, ${userId})`)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

/** Assistants by id whatever their state (under RLS: those the caller may see). */
export async function getAssistantsByIds(
  tx: Executor,
  ids: readonly string[],
): Promise<PublicAssistant[]> {
  if (!ids.length) return [];
  return tx
    .selectFrom('assistants')
    .select(publicAssistantColumns)
    .where('id', 'in', [...ids])
    .execute();
}

/** The given active assistant, or the default one when no id is given. */
export async function resolveAssistant(tx: Executor, id?: string | null): Promise<PublicAssistant> {
  let query = tx
    .selectFrom('assistants')
    .select(publicAssistantColumns)
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

/** Everything a run needs, instructions included: service path only. */
export async function getAssistantForRun(tx: Executor, id: string): Promise<AssistantRow> {
  const assistant = await tx
    .selectFrom('assistants')
    .select(assistantColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!assistant) throw notFound('assistant_not_found', `No assistant has the id ${id}.`);
  return assistant;
}

/** Whether `userId` may use the assistant now (active and visible to them). */
export async function canUseAssistant(
  tx: Executor,
  assistantId: string,
  userId: string,
): Promise<boolean> {
  const row = await sql<{
    ok: boolean;
  }>`select public.can_use_assistant(${assistantId}::uuid, ${userId}) as ok`.execute(tx);
  return row.rows[0]?.ok === true;
}
