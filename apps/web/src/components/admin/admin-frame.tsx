// The admin console's frame: its sections, and a plain refusal for people who are not admins
// (the procedures refuse them anyway; this only explains it).
'use client';

import { useQuery } from '@tanstack/react-query';
import { ShieldAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Spinner } from '~/components/ui/spinner';
import { useTRPC } from '~/lib/trpc/react';
import { PageFrame, type Section } from './page-frame';

export function AdminFrame({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations('admin');
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const sections: Section[] = [
    { href: '/admin', label: t('nav.overview') },
    { href: '/admin/assistants', label: t('nav.assistants') },
    { href: '/admin/api-keys', label: t('nav.apiKeys') },
    { href: '/admin/usage', label: t('nav.usage') },
  ];
  let body = children;
  if (me.isPending) body = <Spinner />;
  else if (!me.data?.isAdmin)
    body = (
      <div className="flex items-start gap-3 rounded-xl border border-border p-4">
        <ShieldAlert aria-hidden className="mt-0.5 size-5 text-muted-foreground" />
        <p className="text-sm">{t('notAdmin')}</p>
      </div>
    );
  return (
    <PageFrame
      title={title}
      sections={sections}
      sectionsLabel={t('nav.label')}
      actions={me.data?.isAdmin ? actions : undefined}
    >
      {body}
    </PageFrame>
  );
}
