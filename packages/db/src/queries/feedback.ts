// Thumbs up or down on a reply: one row per person and reply (giving the other thumb changes it,
// clearing deletes it), and the per-assistant totals the admin console shows. The database checks
// that the reply is a finished one in the person's own chat, whoever writes.
import { sql } from 'kysely';
import { notFound } from '../errors';
import type { Executor } from '../scope';

export type FeedbackRating = 'up' | 'down';

const toNumber = (rating: FeedbackRating) => (rating === 'up' ? 1 : -1);
const fromNumber = (value: number): FeedbackRating => (value > 0 ? 'up' : 'down');

/** Sets (or with null, clears) the caller's feedback on a reply. Run under the caller's RLS. */
export async function setFeedback(
  tx: Executor,
  input: { userId: string; messageId: string; rating: FeedbackRating | null },
): Promise<{ messageId: string; rating: FeedbackRating | null }> {
  const reply = await tx
    .selectFrom('messages')
    .select(['id'])
    .where('id', '=', input.messageId)
    .where('role', '=', 'assistant')
    .executeTakeFirst();
  if (!reply) throw notFound('message_not_found', 'No such reply.');
  if (input.rating === null) {
    await tx
      .deleteFrom('message_feedback')
      .where('message_id', '=', input.messageId)
      .where('user_id', '=', input.userId)
      .execute();
  } else {
    const rating = toNumber(input.rating);
    await tx
      .insertInto('message_feedback')
      .values({ message_id: input.messageId, user_id: input.userId, rating })
      .onConflict((oc) => oc.columns(['message_id', 'user_id']).doUpdateSet({ rating }))
      .execute();
  }
  return { messageId: input.messageId, rating: input.rating };
}

/** The caller's feedback on the replies of one chat, by reply id (run under the caller's RLS). */
export async function feedbackInChat(
  tx: Executor,
  userId: string,
  chatId: string,
): Promise<Record<string, FeedbackRating>> {
  const rows = await tx
    .selectFrom('message_feedback as f')
    .innerJoin('messages as m', 'm.id', 'f.message_id')
    .select(['f.message_id', 'f.rating'])
    .where('f.user_id', '=', userId)
    .where('m.chat_id', '=', chatId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.message_id, fromNumber(row.rating)]));
}

export interface AssistantFeedback {
  assistantId: string | null;
  assistantName: string | null;
  up: number;
  down: number;
}

/** Totals per assistant that wrote the rated replies (service path: every person's feedback). */
export async function feedbackByAssistant(tx: Executor): Promise<AssistantFeedback[]> {
  const { rows } = await sql<AssistantFeedback>`
    select m.assistant_id as "assistantId", a.name as "assistantName",
      count(*) filter (where f.rating = 1)::int as up,
      count(*) filter (where f.rating = -1)::int as down
    from public.message_feedback f
    join public.messages m on m.id = f.message_id
    left join public.assistants a on a.id = m.assistant_id
    group by m.assistant_id, a.name
    order by count(*) desc, a.name`.execute(tx);
  return rows;
}
