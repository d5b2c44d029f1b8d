// A person's token usage: the month's total against their budget (if any), by day and by
// assistant.
'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Card } from '~/components/admin/page-frame';
import { MonthSelect, recentMonths, UsageTable } from '~/components/admin/usage-table';
import { Spinner } from '~/components/ui/spinner';
import { useTRPC } from '~/lib/trpc/react';
import { SettingsFrame } from './settings-frame';

export function UsageView() {
  const t = useTranslations('usage');
  const format = useFormatter();
  const trpc = useTRPC();
  const [month, setMonth] = useState(() => recentMonths()[0] ?? '');
  const usage = useQuery(trpc.usage.mine.queryOptions({ month }));
  const data = usage.data;
  const isCurrent = month === recentMonths()[0];
  const budget = data?.budget.budget ?? null;
  const percent = budget ? Math.min(100, Math.round(((data?.budget.used ?? 0) / budget) * 100)) : 0;

  return (
    <SettingsFrame title={t('title')}>
      <MonthSelect value={month} onChange={setMonth} />
      {!data ? (
        <Spinner />
      ) : (
        <>
          <Card title={t('summary')}>
            <p className="text-3xl font-semibold tabular-nums" data-testid="usage-total">
              {format.number(data.total.totalTokens)}{' '}
              <span className="text-base font-normal text-muted-foreground">{t('tokens')}</span>
            </p>
            <p className="text-sm text-muted-foreground">
              {t('repliesCount', { count: data.total.replies })}
            </p>
            {isCurrent ? (
              budget ? (
                <div className="grid gap-1.5">
                  <div
                    role="progressbar"
                    aria-label={t('budgetLabel')}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                    className="h-2 overflow-hidden rounded-full bg-muted"
                  >
                    <div className="h-full bg-primary" style={{ width: `${percent}%` }} />
                  </div>
                  <p className="text-sm">
                    {t('budgetUsed', {
                      used: format.number(data.budget.used),
                      budget: format.number(budget),
                    })}
                  </p>
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">{t('noBudget')}</p>
              )
            ) : null}
          </Card>
          <Card title={t('byDay')}>
            <UsageTable
              caption={t('byDay')}
              rowHeader={t('day')}
              rows={data.byDay.map((row) => ({
                key: row.day,
                label: format.dateTime(new Date(`${row.day}T12:00:00Z`), {
                  dateStyle: 'medium',
                  timeZone: 'UTC',
                }),
                ...row,
              }))}
            />
          </Card>
          <Card title={t('byAssistant')}>
            <UsageTable
              caption={t('byAssistant')}
              rowHeader={t('assistant')}
              rows={data.byAssistant.map((row) => ({
                key: row.assistantId ?? 'none',
                label: row.name ?? t('unknownAssistant'),
                ...row,
              }))}
            />
          </Card>
        </>
      )}
    </SettingsFrame>
  );
}
