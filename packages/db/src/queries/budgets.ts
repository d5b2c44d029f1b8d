// Monthly token budgets: the installation default and per-user overrides. The limit itself is
// enforced by the database when a reply starts (the start_reply trigger); these read and set it.
import { sql } from 'kysely';
import type { Executor } from '../scope';

export interface BudgetStatus {
  /** Null: no limit applies. */
  budget: number | null;
  used: number;
}

export async function budgetStatus(tx: Executor, userId: string): Promise<BudgetStatus> {
  const { rows } = await sql<{ budget: string | null; used: string }>`
    select public.monthly_token_budget(${userId}) as budget,
           public.tokens_used_this_month(${userId}) as used`.execute(tx);
  const row = rows[0];
  return {
    budget: row?.budget == null ? null : Number(row.budget),
    used: Number(row?.used ?? 0),
  };
}

export interface BudgetSettings {
  defaultMonthlyTokens: number | null;
  overrides: Array<{ userId: string; email: string; monthlyTokens: number | null }>;
}

export async function getBudgetSettings(tx: Executor): Promise<BudgetSettings> {
  const [settings, overrides] = await Promise.all([
    tx.selectFrom('budget_settings').select('default_monthly_tokens').executeTakeFirst(),
    tx
      .selectFrom('user_budgets as b')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .select(['b.user_id', 'u.email', 'b.monthly_tokens'])
      .orderBy('u.email')
      .execute(),
  ]);
  return {
    defaultMonthlyTokens:
      settings?.default_monthly_tokens == null ? null : Number(settings.default_monthly_tokens),
    overrides: overrides.map((row) => ({
      userId: row.user_id,
      email: row.email,
      monthlyTokens: row.monthly_tokens == null ? null : Number(row.monthly_tokens),
    })),
  };
}

export async function setDefaultBudget(
  tx: Executor,
  monthlyTokens: number | null,
  by: string,
): Promise<void> {
  await tx
    .insertInto('budget_settings')
    .values({ id: true, default_monthly_tokens: monthlyTokens, updated_by: by })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        default_monthly_tokens: monthlyTokens,
        updated_by: by,
        updated_at: sql<string>`now()`,
      }),
    )
    .execute();
}

/**
 * A person's own budget: a number, `null` for no limit, or `'default'` to follow the
 * installation default (removes the override).
 */
export async function setUserBudget(
  tx: Executor,
  userId: string,
  monthlyTokens: number | null | 'default',
  by: string,
): Promise<void> {
  if (monthlyTokens === 'default') {
    await tx.deleteFrom('user_budgets').where('user_id', '=', userId).execute();
    return;
  }
  await tx
    .insertInto('user_budgets')
    .values({ user_id: userId, monthly_tokens: monthlyTokens, updated_by: by })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        monthly_tokens: monthlyTokens,
        updated_by: by,
        updated_at: sql<string>`now()`,
      }),
    )
    .execute();
}
