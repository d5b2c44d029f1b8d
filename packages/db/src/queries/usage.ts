// Token usage from the usage ledger (usage_events): a person's own month, and the
// administrator's view per user and per assistant. Months are calendar months in UTC.
import { sql } from 'kysely';
import type { Executor } from '../scope';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  replies: number;
}

export interface MonthRange {
  from: string;
  to: string;
}

/** The UTC calendar month containing `at` (default now), as [from, to). */
export function monthRange(month?: string): MonthRange {
  const base = month ? new Date(`${month}-01T00:00:00Z`) : new Date();
  const from = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), 1));
  const to = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth() + 1, 1));
  return { from: from.toISOString(), to: to.toISOString() };
}

// Sums come back from Postgres as numeric strings (bigint); Number() is exact below 2^53.
const sumColumns = [
  sql<string>`coalesce(sum(e.input_tokens), 0)`.as('inputTokens'),
  sql<string>`coalesce(sum(e.output_tokens), 0)`.as('outputTokens'),
  sql<string>`coalesce(sum(e.total_tokens), 0)`.as('totalTokens'),
  sql<string>`count(e.id)`.as('replies'),
] as const;

type SumRow = Record<'inputTokens' | 'outputTokens' | 'totalTokens' | 'replies', string>;

function totals(row: SumRow | undefined): UsageTotals {
  return {
    inputTokens: Number(row?.inputTokens ?? 0),
    outputTokens: Number(row?.outputTokens ?? 0),
    totalTokens: Number(row?.totalTokens ?? 0),
    replies: Number(row?.replies ?? 0),
  };
}

export interface PersonalUsage {
  range: MonthRange;
  total: UsageTotals;
  byDay: Array<{ day: string } & UsageTotals>;
  byAssistant: Array<{ assistantId: string | null; name: string | null } & UsageTotals>;
}

/** One person's usage in a month (under RLS, only their own rows are visible anyway). */
export async function personalUsage(
  tx: Executor,
  userId: string,
  range: MonthRange,
): Promise<PersonalUsage> {
  const base = tx
    .selectFrom('usage_events as e')
    .where('e.user_id', '=', userId)
    .where('e.created_at', '>=', range.from)
    .where('e.created_at', '<', range.to);
  const [total, byDay, byAssistant] = await Promise.all([
    base.select([...sumColumns]).executeTakeFirst(),
    base
      .select([
        sql<string>`to_char(e.created_at at time zone 'utc', 'YYYY-MM-DD')`.as('day'),
        ...sumColumns,
      ])
      .groupBy('day')
      .orderBy('day')
      .execute(),
    base
      .leftJoin('assistants as a', 'a.id', 'e.assistant_id')
      .select(['e.assistant_id', 'a.name', ...sumColumns])
      .groupBy(['e.assistant_id', 'a.name'])
      .orderBy(sql`sum(e.total_tokens)`, 'desc')
      .execute(),
  ]);
  return {
    range,
    total: totals(total),
    byDay: byDay.map((row) => ({ day: row.day, ...totals(row) })),
    byAssistant: byAssistant.map((row) => ({
      assistantId: row.assistant_id,
      name: row.name,
      ...totals(row),
    })),
  };
}

export interface UserUsageRow extends UsageTotals {
  userId: string;
  email: string;
  name: string | null;
}

export interface AssistantUsageRow extends UsageTotals {
  assistantId: string | null;
  name: string | null;
}

/** Everyone's usage in a month, per user and per assistant (service path). */
export async function usageReport(
  tx: Executor,
  range: MonthRange,
): Promise<{ range: MonthRange; byUser: UserUsageRow[]; byAssistant: AssistantUsageRow[] }> {
  const base = tx
    .selectFrom('usage_events as e')
    .where('e.created_at', '>=', range.from)
    .where('e.created_at', '<', range.to);
  const [byUser, byAssistant] = await Promise.all([
    base
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select(['u.id', 'u.email', 'u.name', ...sumColumns])
      .groupBy(['u.id', 'u.email', 'u.name'])
      .orderBy(sql`sum(e.total_tokens)`, 'desc')
      .orderBy('u.email')
      .execute(),
    base
      .leftJoin('assistants as a', 'a.id', 'e.assistant_id')
      .select(['e.assistant_id', 'a.name', ...sumColumns])
      .groupBy(['e.assistant_id', 'a.name'])
      .orderBy(sql`sum(e.total_tokens)`, 'desc')
      .execute(),
  ]);
  return {
    range,
    byUser: byUser.map((row) => ({
      userId: row.id,
      email: row.email,
      name: row.name,
      ...totals(row),
    })),
    byAssistant: byAssistant.map((row) => ({
      assistantId: row.assistant_id,
      name: row.name,
      ...totals(row),
    })),
  };
}

export interface UsageCsvRow extends UsageTotals {
  email: string;
  assistant: string | null;
}

/** Per user and assistant, for the CSV export. */
export async function usageByUserAndAssistant(
  tx: Executor,
  range: MonthRange,
): Promise<UsageCsvRow[]> {
  const rows = await tx
    .selectFrom('usage_events as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('assistants as a', 'a.id', 'e.assistant_id')
    .where('e.created_at', '>=', range.from)
    .where('e.created_at', '<', range.to)
    .select(['u.email', 'a.name', ...sumColumns])
    .groupBy(['u.email', 'a.name'])
    .orderBy('u.email')
    .orderBy('a.name')
    .execute();
  return rows.map((row) => ({ email: row.email, assistant: row.name, ...totals(row) }));
}
