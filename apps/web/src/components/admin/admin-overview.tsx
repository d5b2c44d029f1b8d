// The admin overview: the installation's health (database, AI provider, realtime) and the people
// who use it (search, last active, chats, tokens this month), and feedback on replies per
// assistant (admin-feedback.tsx).
'use client';

import { useQuery } from '@tanstack/react-query';
import { CircleCheck, CircleX } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Input } from '~/components/ui/input';
import { Label } from '~/components/ui/label';
import { Spinner } from '~/components/ui/spinner';
import { useDebounced } from '~/lib/hooks/use-debounced';
import { useTRPC } from '~/lib/trpc/react';
import { AdminFeedback } from './admin-feedback';
import { AdminFrame } from './admin-frame';
import { Card } from './page-frame';

function Status({ ok, label, detail }: { ok: boolean; label: string; detail: string }) {
  return (
    <li className="flex items-start gap-2">
      {ok ? (
        <CircleCheck aria-hidden className="mt-0.5 size-4 text-emerald-600 dark:text-emerald-400" />
      ) : (
        <CircleX aria-hidden className="mt-0.5 size-4 text-destructive" />
      )}
      <span>
        <span className="font-medium">{label}</span>: {detail}
      </span>
    </li>
  );
}

export function AdminOverview() {
  const t = useTranslations('admin.overview');
  const format = useFormatter();
  const trpc = useTRPC();
  const health = useQuery(trpc.admin.overview.health.queryOptions());
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 250);
  const users = useQuery(
    trpc.admin.overview.users.queryOptions({ search: debounced || undefined }),
  );

  return (
    <AdminFrame title={t('title')}>
      <Card title={t('health')}>
        {health.data ? (
          <ul className="grid gap-2 text-sm">
            <Status
              ok={health.data.database.ok}
              label={t('database')}
              detail={
                health.data.database.ok
                  ? t('databaseUp', { ms: health.data.database.latencyMs ?? 0 })
                  : t('down')
              }
            />
            <Status
              ok={health.data.ai.configured && health.data.ai.reachable}
              label={t('ai')}
              detail={
                !health.data.ai.configured
                  ? t('aiNotConfigured')
                  : health.data.ai.reachable
                    ? t('aiReachable')
                    : t('aiUnreachable')
              }
            />
            <Status ok label={t('realtime')} detail={t(`realtime_${health.data.realtime}`)} />
          </ul>
        ) : (
          <Spinner />
        )}
      </Card>
      <Card title={t('people')}>
        <div className="grid gap-1.5">
          <Label htmlFor="admin-user-search">{t('search')}</Label>
          <Input
            id="admin-user-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('searchPlaceholder')}
          />
        </div>
        {users.data ? (
          <>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {t('count', { count: users.data.total })}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">{t('people')}</caption>
                <thead className="text-left text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="px-2 py-1.5 font-medium">
                      {t('person')}
                    </th>
                    <th scope="col" className="px-2 py-1.5 font-medium">
                      {t('lastActive')}
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      {t('chats')}
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      {t('tokens')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => (
                    <tr key={user.id} className="border-t border-border">
                      <th scope="row" className="px-2 py-1.5 text-left font-medium">
                        {user.name ?? user.email}
                        <span className="block text-xs font-normal text-muted-foreground">
                          {user.email}
                        </span>
                      </th>
                      <td className="px-2 py-1.5">
                        {user.lastActiveAt
                          ? format.relativeTime(new Date(user.lastActiveAt))
                          : t('never')}
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">
                        {format.number(user.chats)}
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">
                        {format.number(user.tokensThisMonth)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <Spinner />
        )}
      </Card>
      <AdminFeedback />
    </AdminFrame>
  );
}
