// Admin usage: a month per person and per assistant, a CSV export, and the monthly token
// budgets (the installation default and per-person overrides).
'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '~/components/ui/button';
import { Input } from '~/components/ui/input';
import { Spinner } from '~/components/ui/spinner';
import { useTRPC } from '~/lib/trpc/react';
import { AdminFrame } from './admin-frame';
import { Field, fieldErrors } from './field';
import { Card } from './page-frame';
import { MonthSelect, recentMonths, UsageTable } from './usage-table';

function parseTokens(text: string): number | null {
  const trimmed = text.replace(/[\s_.,]/g, '');
  return trimmed === '' ? null : Number(trimmed);
}

function Budgets() {
  const t = useTranslations('admin.budgets');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const budgets = useQuery(trpc.admin.budgets.get.queryOptions());
  const onSuccess = (data: unknown) =>
    queryClient.setQueryData(trpc.admin.budgets.get.queryKey(), data as never);
  const setDefault = useMutation(trpc.admin.budgets.setDefault.mutationOptions({ onSuccess }));
  const setUser = useMutation(trpc.admin.budgets.setUser.mutationOptions({ onSuccess }));
  const [defaultText, setDefaultText] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [userTokens, setUserTokens] = useState('');
  const current = budgets.data?.defaultMonthlyTokens;
  const defaultValue = defaultText ?? (current ? String(current) : '');

  const saveDefault = (event: FormEvent) => {
    event.preventDefault();
    setDefault.mutate({ monthlyTokens: parseTokens(defaultValue) });
  };
  const saveUser = (event: FormEvent) => {
    event.preventDefault();
    const tokens = parseTokens(userTokens);
    setUser.mutate({ email, monthlyTokens: tokens });
  };
  const userErrors = fieldErrors(setUser.error);
  return (
    <Card title={t('title')} description={t('description')}>
      <form onSubmit={saveDefault} className="flex flex-wrap items-end gap-2" noValidate>
        <div className="min-w-56 flex-1">
          <Field
            label={t('default')}
            hint={t('defaultHint')}
            error={fieldErrors(setDefault.error).monthlyTokens}
          >
            <Input
              inputMode="numeric"
              value={defaultValue}
              onChange={(e) => setDefaultText(e.target.value)}
            />
          </Field>
        </div>
        <Button type="submit" variant="outline" disabled={setDefault.isPending}>
          {t('save')}
        </Button>
      </form>
      <form onSubmit={saveUser} className="flex flex-wrap items-end gap-2" noValidate>
        <div className="min-w-56 flex-1">
          <Field
            label={t('email')}
            error={
              userErrors.email ??
              (setUser.error && !Object.keys(userErrors).length ? setUser.error.message : undefined)
            }
          >
            <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
        </div>
        <div className="w-44">
          <Field
            label={t('userTokens')}
            hint={t('userTokensHint')}
            error={userErrors.monthlyTokens}
          >
            <Input
              inputMode="numeric"
              value={userTokens}
              onChange={(e) => setUserTokens(e.target.value)}
            />
          </Field>
        </div>
        <Button type="submit" variant="outline" disabled={setUser.isPending}>
          {t('setUser')}
        </Button>
      </form>
      {budgets.data?.overrides.length ? (
        <ul className="grid gap-1 text-sm" aria-label={t('overrides')}>
          {budgets.data.overrides.map((row) => (
            <li
              key={row.userId}
              className="flex flex-wrap items-center justify-between gap-2 border-t border-border pt-1"
            >
              <span>
                {row.email}:{' '}
                <strong>
                  {row.monthlyTokens === null ? t('unlimited') : format.number(row.monthlyTokens)}
                </strong>
              </span>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setUser.mutate({ email: row.email, monthlyTokens: 'default' })}
                aria-label={t('resetNamed', { email: row.email })}
              >
                {t('reset')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

export function AdminUsage() {
  const t = useTranslations('admin.usage');
  const tu = useTranslations('usage');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(() => recentMonths()[0] ?? '');
  const report = useQuery(trpc.admin.usage.report.queryOptions({ month }));
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const { csv, filename } = await queryClient.fetchQuery(
        trpc.admin.usage.csv.queryOptions({ month }, { staleTime: 0 }),
      );
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      URL.revokeObjectURL(url);
    } finally {
      setExporting(false);
    }
  };

  return (
    <AdminFrame
      title={t('title')}
      actions={
        <Button size="sm" variant="outline" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? <Spinner /> : <Download aria-hidden />}
          {t('export')}
        </Button>
      }
    >
      <MonthSelect value={month} onChange={setMonth} />
      {report.isPending ? <Spinner /> : null}
      <Card title={t('byUser')}>
        <UsageTable
          caption={t('byUser')}
          rowHeader={t('person')}
          rows={(report.data?.byUser ?? []).map((row) => ({
            key: row.userId,
            label: row.email,
            ...row,
          }))}
        />
      </Card>
      <Card title={t('byAssistant')}>
        <UsageTable
          caption={t('byAssistant')}
          rowHeader={tu('assistant')}
          rows={(report.data?.byAssistant ?? []).map((row) => ({
            key: row.assistantId ?? 'none',
            label: row.name ?? tu('unknownAssistant'),
            ...row,
          }))}
        />
      </Card>
      <Budgets />
    </AdminFrame>
  );
}
