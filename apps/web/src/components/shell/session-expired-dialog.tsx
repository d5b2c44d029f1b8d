// Shown when a request finds the session over: says so plainly and leads to sign-in, coming
// back to the same page afterwards. Drafts stay in sessionStorage, so nothing typed is lost.
'use client';

import { useTranslations } from 'next-intl';
import {
  AlertDialog,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from '~/components/ui/alert-dialog';
import { Button } from '~/components/ui/button';
import { useSessionExpired } from '~/lib/session-expiry';

export function SessionExpiredDialog() {
  const t = useTranslations('session');
  const expired = useSessionExpired();
  const signIn = () => {
    const next = window.location.pathname;
    window.location.assign(`/sign-in?expired=1&next=${encodeURIComponent(next)}`);
  };
  return (
    <AlertDialog open={expired}>
      <AlertDialogContent>
        <div className="grid gap-2">
          <AlertDialogTitle className="text-lg font-semibold tracking-tight">
            {t('expiredTitle')}
          </AlertDialogTitle>
          <AlertDialogDescription className="text-sm text-muted-foreground">
            {t('expiredDescription')}
          </AlertDialogDescription>
        </div>
        <div className="flex justify-end">
          <Button onClick={signIn}>{t('signInAgain')}</Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
