// Administering assistants: the full list, create, edit, archive, restore, and the change
// history a trigger records. Service path only; the caller (an admin procedure) names the actor
// so the history says who made each change.
import { sql } from 'kysely';
import type { Json } from '../database.types';
import { conflict, isUniqueViolation, notFound } from '../errors';
import type { AssistantRow } from '../schema';
import type { Executor } from '../scope';
import { assistantColumns } from './assistants';

export interface AssistantDraft {
  name: string;
  description: string;
  model: string;
  instructions: string;
  temperature: number | null;
  maxOutputTokens: number | null;
  starterPrompts: string[];
  visibility: 'everyone' | 'restricted';
  allowedUsers: string[];
}

export interface AssistantChange {
  id: string;
  assistant_id: string;
  action: 'create' | 'update' | 'archive' | 'restore';
  changed_at: string;
  changed_by: string | null;
  changed_by_email: string | null;
  changes: Json;
}

/** Who the trigger records as the author of changes made in this transaction. */
export async function setActor(tx: Executor, userId: string): Promise<void> {
  await sql`select set_config('zatten.actor_id', ${userId}, true)`.execute(tx);
}

function draftValues(draft: AssistantDraft) {
  return {
    name: draft.name,
    description: draft.description,
    model: draft.model,
    instructions: draft.instructions,
    temperature: draft.temperature,
    max_output_tokens: draft.maxOutputTokens,
    starter_prompts: draft.starterPrompts,
    visibility: draft.visibility,
    allowed_users: draft.visibility === 'restricted' ? draft.allowedUsers : [],
  };
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return base || 'assistant';
}

export async function listAllAssistants(tx: Executor): Promise<AssistantRow[]> {
  return tx
    .selectFrom('assistants')
    .select(assistantColumns)
    .orderBy(sql`archived_at is not null`)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

export async function createAssistant(tx: Executor, draft: AssistantDraft): Promise<AssistantRow> {
  const base = slugify(draft.name);
  const taken = await tx
    .selectFrom('assistants')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  const used = new Set(taken.map((row) => row.slug));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  try {
    return await tx
      .insertInto('assistants')
      .values({ slug, ...draftValues(draft) })
      .returning(assistantColumns)
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error, 'assistants_slug_key')) {
      throw conflict('assistant_exists', 'An assistant with this name was just created.', error);
    }
    throw error;
  }
}

export async function updateAssistant(
  tx: Executor,
  id: string,
  draft: AssistantDraft,
): Promise<AssistantRow> {
  const row = await tx
    .updateTable('assistants')
    .set(draftValues(draft))
    .where('id', '=', id)
    .returning(assistantColumns)
    .executeTakeFirst();
  if (!row) throw notFound('assistant_not_found', `No assistant has the id ${id}.`);
  return row;
}

export async function setAssistantArchived(
  tx: Executor,
  id: string,
  archived: boolean,
): Promise<AssistantRow> {
  const current = await tx
    .selectFrom('assistants')
    .select(['is_default'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('assistant_not_found', `No assistant has the id ${id}.`);
  if (archived && current.is_default) {
    throw conflict(
      'assistant_is_default',
      'The default assistant cannot be archived: new chats start with it.',
    );
  }
  return tx
    .updateTable('assistants')
    .set({ archived_at: archived ? sql<string>`coalesce(archived_at, now())` : null })
    .where('id', '=', id)
    .returning(assistantColumns)
    .executeTakeFirstOrThrow();
}

export async function listAssistantChanges(
  tx: Executor,
  assistantId: string,
  limit = 50,
): Promise<AssistantChange[]> {
  const rows = await tx
    .selectFrom('assistant_changes as c')
    .leftJoin('users as u', 'u.id', 'c.changed_by')
    .select([
      'c.id',
      'c.assistant_id',
      'c.action',
      'c.changed_at',
      'c.changed_by',
      'u.email as changed_by_email',
      'c.changes',
    ])
    .where('c.assistant_id', '=', assistantId)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    id: String(row.id),
    action: row.action as AssistantChange['action'],
  }));
}
