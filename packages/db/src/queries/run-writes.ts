// The writes of the replies a process is running, each one round trip on the query pool
// (serviceInOneTrip), so that 200 running replies hold the pool the sends wait on as little as
// possible: the progress of every reply in flight in one statement, and a reply's outcome in one
// round trip instead of a transaction of three. The same rows and conditions as updateMessage
// (`onlyIfActive`) and finishMessage in messages.ts; both are safe to run twice.
import type { Database } from '../client';
import { ACTIVE_STATUSES } from '../domain';
import { serviceInOneTrip, sqlLiteral } from '../scope';
import type { RunOutcome } from './messages';

const ACTIVE = ACTIVE_STATUSES.map((status) => sqlLiteral(status)).join(', ');

function nullable(value: string | null | undefined): string {
  return value === null || value === undefined ? 'null' : sqlLiteral(value);
}

/**
 * The text so far of each reply still in flight; a reply already ended is left as it is. Rows are
 * locked in id order, as every other many-row write of messages does.
 */
export async function writeRunProgress(
  database: Database,
  entries: readonly { id: string; content: string }[],
): Promise<void> {
  if (!entries.length) return;
  const values = [...entries]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => `(${sqlLiteral(entry.id)}::uuid, ${sqlLiteral(entry.content)})`)
    .join(',\n');
  await serviceInOneTrip(database, [
    `update public.messages m set content = v.content
       from (values ${values}) as v (id, content)
      where m.id = v.id and m.status in (${ACTIVE})`,
  ]);
}

/**
 * finishMessage in one round trip: ends a reply still in flight, or (its owner, `ownerKey`) one
 * another process closed as interrupted while the lease is still the owner's.
 */
export async function writeRunOutcome(
  database: Database,
  id: string,
  outcome: RunOutcome,
  options: { ownerKey?: number } = {},
): Promise<void> {
  const set = [`status = ${sqlLiteral(outcome.status)}`, 'completed_at = now()'];
  if (outcome.content !== undefined) set.push(`content = ${sqlLiteral(outcome.content)}`);
  if (outcome.error_code !== undefined) set.push(`error_code = ${nullable(outcome.error_code)}`);
  if (outcome.error_message !== undefined) {
    set.push(`error_message = ${nullable(outcome.error_message)}`);
  }
  if (outcome.model !== undefined) set.push(`model = ${nullable(outcome.model)}`);
  if (outcome.usage !== undefined) {
    set.push(
      `usage = ${outcome.usage === null ? 'null' : `${sqlLiteral(JSON.stringify(outcome.usage))}::jsonb`}`,
    );
  }
  if (outcome.openai_response_id !== undefined) {
    set.push(`openai_response_id = ${nullable(outcome.openai_response_id)}`);
  }
  const messageId = sqlLiteral(id);
  const owned =
    options.ownerKey === undefined
      ? ''
      : ` or (error_code = 'interrupted' and exists (
            select 1 from public.run_leases
             where message_id = ${messageId} and owner_key = ${sqlLiteral(options.ownerKey)}))`;
  await serviceInOneTrip(database, [
    `update public.messages set ${set.join(', ')}
      where id = ${messageId} and (status in (${ACTIVE})${owned})`,
  ]);
}
