// Ownership of replies in flight. Each server process holds a session advisory lock on its own
// random key while it lives (see the run_leases migration); a lease ties a reply to that key.
// A reply whose owner's lock is gone belongs to a dead process and is closed at once, keeping
// the text it had persisted; a reply without a lease falls back to "not written for a while".
import { sql } from 'kysely';
import { ACTIVE_STATUSES } from '../domain';
import { commitWith, type Executor, sqlLiteral, type Tx } from '../scope';
import type { PersonalInstructions } from './personal-instructions';

/** Records that the process holding `ownerKey` runs this reply (a retry re-leases it). */
export async function leaseRun(tx: Executor, messageId: string, ownerKey: number): Promise<void> {
  await tx
    .insertInto('run_leases')
    .values({ message_id: messageId, owner_key: ownerKey })
    .onConflict((oc) =>
      oc.column('message_id').doUpdateSet({ owner_key: ownerKey, leased_at: sql`now()` }),
    )
    .execute();
}

/**
 * `leaseRun` as the last work of a user's transaction: the switch to the service role (kept to
 * COMMIT, like `finishAsService`) and the lease go to the server as one simple-protocol round
 * trip, with the COMMIT when `commit` is set (commitWith: nothing may run in `tx` after it). The
 * values are a uuid and an integer, checked here before they are inlined.
 */
export async function finishWithLease(
  tx: Tx,
  messageId: string,
  ownerKey: number,
  options: { commit?: boolean } = {},
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(messageId) || !Number.isSafeInteger(ownerKey)) {
    throw new TypeError('finishWithLease takes a uuid and an integer');
  }
  const statements = `select set_config('role', 'service_role', true);
       insert into public.run_leases (message_id, owner_key) values ('${messageId}', ${ownerKey})
         on conflict (message_id) do update set owner_key = excluded.owner_key, leased_at = now()`;
  if (options.commit) await commitWith(tx, statements);
  else await sql.raw(statements).execute(tx);
}

/**
 * `finishWithLease`'s statements for the reply that `begin_exchange` starts under the question
 * `questionId` earlier in the same round trip (its id is known only once written), to end a
 * `commitWith` script. Returns nothing to read; the lease is on that reply alone.
 */
export function leaseReplyOfSql(questionId: string, chatId: string, ownerKey: number): string {
  if (!Number.isSafeInteger(ownerKey)) throw new TypeError('an owner key is an integer');
  return `select set_config('role', 'service_role', true);
       insert into public.run_leases (message_id, owner_key)
         select m.id, ${ownerKey} from public.messages m
         where m.parent_id = ${sqlLiteral(questionId)}::uuid
           and m.chat_id = ${sqlLiteral(chatId)}::uuid and m.role = 'assistant'
         on conflict (message_id) do update set owner_key = excluded.owner_key, leased_at = now()`;
}

/** Whether some live session holds the advisory lock on `key` (pg_locks splits it in two). */
const ownerAlive = (key: ReturnType<typeof sql.ref>) => sql<boolean>`exists (
  select 1 from pg_catalog.pg_locks l
  where l.locktype = 'advisory' and l.granted and l.objsubid = 1
    and ((l.classid::bigint << 32) | l.objid::bigint) = ${key}
)`;

/**
 * Closes replies left in flight by a process that died: a leased reply whose owner's lock is
 * free, or an unleased one not written to for `staleAfterMs`. It ends as failed, keeping the
 * text it had persisted. Returns the closed ids.
 */
export async function closeOrphanedRuns(
  tx: Executor,
  staleAfterMs: number,
  options: { chatId?: string } = {},
): Promise<string[]> {
  let query = tx
    .updateTable('messages')
    .set({
      status: 'failed',
      error_code: 'interrupted',
      error_message:
        'The reply was interrupted when its server stopped; the text saved until then is kept.',
      completed_at: sql<string>`now()`,
    })
    .where('status', 'in', [...ACTIVE_STATUSES])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('run_leases')
            .select('run_leases.message_id')
            .whereRef('run_leases.message_id', '=', 'messages.id')
            .where(sql<boolean>`not ${ownerAlive(sql.ref('run_leases.owner_key'))}`),
        ),
        eb.and([
          eb.not(
            eb.exists(
              eb
                .selectFrom('run_leases')
                .select('run_leases.message_id')
                .whereRef('run_leases.message_id', '=', 'messages.id'),
            ),
          ),
          eb('updated_at', '<', sql<string>`now() - make_interval(secs => ${staleAfterMs / 1000})`),
        ]),
      ]),
    );
  if (options.chatId) query = query.where('chat_id', '=', options.chatId);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

/** How many replies the person has in flight (for the per-person cap). */
export async function countActiveRuns(tx: Executor, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('role', '=', 'assistant')
    .where('status', 'in', [...ACTIVE_STATUSES])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Serialises the person's reply starts (a two-key lock, apart from the owners' one-key locks) until the transaction ends, so a count of their replies
 * in flight and the insert that follows it cannot interleave with another send of theirs.
 */
export async function lockUserRuns(tx: Executor, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(7, hashtext(${userId}))`.execute(tx);
}

export interface RunAdmission {
  /** Whether the chat has a reply in flight (perhaps an orphan of a dead process). */
  chatBusy: boolean;
  /** How many replies the person has in flight. */
  activeReplies: number;
  /** The chat's branch tip (active leaf, or its newest message): where a send continues. */
  tip: string | null;
  /** Whether any message of the chat has files (when none has, a run reads none). */
  chatHasFiles: boolean;
  /** The person's own instructions, when asked for (`withInstructions`): what a run sends. */
  personal?: PersonalInstructions;
}

interface AdmissionRow {
  chat_busy: boolean;
  active_replies: string;
  active_leaf_id: string | null;
  newest_id: string | null;
  chat_has_files: boolean;
  about_me: string | null;
  how_to_answer: string | null;
  enabled: boolean | null;
  updated_at: string | null;
}

/**
 * The statement of `runAdmission`, its values written in as literals, so that a send can put it
 * in its transaction's first round trip, after the statement that takes both locks (scope.ts
 * `withUserOpening`); read it with `admissionOf`. The reads are the database function
 * `run_admission` (migration 20261202220000), planned once per connection rather than on every
 * send; replies in flight are those in ACTIVE_STATUSES (pending, streaming).
 */
export function runAdmissionSql(
  userId: string,
  chatId: string,
  options: { withInstructions?: boolean } = {},
): string {
  return `select * from public.run_admission(${sqlLiteral(userId)}, ${sqlLiteral(chatId)}::uuid,
    ${options.withInstructions === true})`;
}

/** What `runAdmissionSql` read. */
export function admissionOf(
  rows: readonly Record<string, unknown>[],
  options: { withInstructions?: boolean } = {},
): RunAdmission {
  const row = rows[0] as AdmissionRow | undefined;
  return {
    chatBusy: row?.chat_busy === true,
    activeReplies: Number(row?.active_replies ?? 0),
    tip: row?.active_leaf_id ?? row?.newest_id ?? null,
    chatHasFiles: row?.chat_has_files !== false,
    ...(options.withInstructions === true && {
      personal: {
        aboutMe: row?.about_me ?? '',
        howToAnswer: row?.how_to_answer ?? '',
        enabled: row?.enabled ?? true,
        updatedAt: row?.updated_at ?? null,
      },
    }),
  };
}

/**
 * What admitting a new reply reads, in one statement (one round trip instead of four): taken
 * after the chat's row lock and the person's run lock, so nothing it reads can change before the
 * transaction ends. With `withInstructions`, the person's own instructions come along (read
 * under the same RLS scope as getPersonalInstructions, and the same defaults when there are none).
 */
export async function runAdmission(
  tx: Executor,
  userId: string,
  chatId: string,
  options: { withInstructions?: boolean } = {},
): Promise<RunAdmission> {
  const { rows } = await sql
    .raw<Record<string, unknown>>(runAdmissionSql(userId, chatId, options))
    .execute(tx);
  return admissionOf(rows, options);
}
