// An assistant's change history: who changed it, when, and each field's old and new value.
'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { Spinner } from '~/components/ui/spinner';
import { useTRPC } from '~/lib/trpc/react';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(value);
}

export function AssistantHistory({ id }: { id: string }) {
  const t = useTranslations('admin.assistants');
  const format = useFormatter();
  const trpc = useTRPC();
  const history = useQuery(trpc.admin.assistants.history.queryOptions({ id }));
  if (history.isPending) return <Spinner />;
  if (!history.data?.length)
    return <p className="text-sm text-muted-foreground">{t('noHistory')}</p>;
  return (
    <ol className="grid gap-3" aria-label={t('historyLabel')}>
      {history.data.map((change) => (
        <li key={change.id} className="grid gap-1 rounded-lg border border-border p-3 text-sm">
          <p>
            <span className="font-medium">{t(`action_${change.action}`)}</span>{' '}
            <span className="text-muted-foreground">
              {t('changedBy', {
                who: change.changed_by_email ?? t('unknownAuthor'),
                when: format.dateTime(new Date(change.changed_at), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </span>
          </p>
          {change.action === 'update' ? (
            <ul className="grid gap-0.5 text-xs">
              {Object.entries(change.changes as Record<string, { from: unknown; to: unknown }>).map(
                ([field, diff]) => (
                  <li key={field}>
                    <code>{field}</code>: {show(diff.from)} → {show(diff.to)}
                  </li>
                ),
              )}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
