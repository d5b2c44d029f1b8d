// The frame of a person's own settings pages (personal instructions, usage).
'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { PageFrame } from '~/components/admin/page-frame';

export function SettingsFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useTranslations('account');
  return (
    <PageFrame
      title={title}
      sectionsLabel={t('nav.label')}
      sections={[
        { href: '/settings/instructions', label: t('nav.instructions') },
        { href: '/settings/usage', label: t('nav.usage') },
        { href: '/settings/data', label: t('nav.data') },
      ]}
    >
      {children}
    </PageFrame>
  );
}
