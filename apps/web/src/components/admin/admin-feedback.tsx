// Issue 17: thumbs up and down on replies, totalled per assistant that wrote them, on the admin
// overview.
'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { Spinner } from '~/components/ui/spinner';
import { useTRPC } from '~/lib/trpc/react';
import { Card } from './page-frame';

export function AdminFeedback() {
  const t = useTranslations('feedback');
  const format = useFormatter();
  const trpc = useTRPC();
  const feedback = useQuery(trpc.admin.overview.feedback.queryOptions());
  return (
    <Card title={t('adminTitle')} description={t('adminDescription')}>
      {!feedback.data ? (
        <Spinner />
      ) : feedback.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('adminEmpty')}</p>
      ) : (
        <table className="w-full text-sm" data-testid="admin-feedback">
          <caption className="sr-only">{t('adminTitle')}</caption>
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t('assistant')}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {t('up')}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">
                {t('down')}
              </th>
            </tr>
          </thead>
          <tbody>
            {feedback.data.map((row) => (
              <tr key={row.assistantId ?? 'none'} className="border-t border-border">
                <th scope="row" className="px-2 py-1.5 text-left font-medium">
                  {row.assistantName ?? t('unknownAssistant')}
                </th>
                <td className="px-2 py-1.5 text-right tabular-nums">{format.number(row.up)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{format.number(row.down)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
