// The dialog for an expired session (session-expired-dialog.tsx), out of every page's first load:
// its code (with the alert dialog's) is fetched once a request has found the session over, and
// the dialog opens as it arrives.
'use client';

import { lazyModule } from '~/components/ui/lazy-overlay';
import { useSessionExpired } from '~/lib/session-expiry';

const dialog = lazyModule(() => import('./session-expired-dialog'));

export function SessionExpired() {
  const expired = useSessionExpired();
  const Dialog = dialog.useModule(expired)?.SessionExpiredDialog;
  return expired && Dialog ? <Dialog /> : null;
}
