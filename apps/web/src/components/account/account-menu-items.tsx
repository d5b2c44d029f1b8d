// The user menu's links to a person's own settings pages and, for admins, the admin console.
'use client';

import { BarChart3, DatabaseBackup, NotebookPen, ShieldCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { DropdownMenuItem, DropdownMenuSeparator } from '~/components/ui/dropdown-menu';

export function AccountMenuItems({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations('account.nav');
  const router = useRouter();
  return (
    <>
      <DropdownMenuItem onSelect={() => router.push('/settings/instructions')}>
        <NotebookPen aria-hidden />
        {t('instructions')}
      </DropdownMenuItem>
      <DropdownMenuItem onSelect={() => router.push('/settings/usage')}>
        <BarChart3 aria-hidden />
        {t('usage')}
      </DropdownMenuItem>
      <DropdownMenuItem onSelect={() => router.push('/settings/data')}>
        <DatabaseBackup aria-hidden />
        {t('data')}
      </DropdownMenuItem>
      {isAdmin ? (
        <DropdownMenuItem onSelect={() => router.push('/admin')}>
          <ShieldCheck aria-hidden />
          {t('admin')}
        </DropdownMenuItem>
      ) : null}
      <DropdownMenuSeparator />
    </>
  );
}
