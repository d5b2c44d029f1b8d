// Confirmation for destructive actions (Radix AlertDialog): focus starts on Cancel, and only an
// explicit choice closes it. Radix's code is a chunk of its own, alert-dialog-radix.tsx, fetched
// once a confirmation has mounted rather than in the first load (lazy-overlay.tsx).
'use client';

import type * as Radix from './alert-dialog-radix';
import { lazyModule, lazyOverlay, lazyPart } from './lazy-overlay';

const alert = lazyModule<typeof Radix>(() => import('./alert-dialog-radix'));

export const { Root: AlertDialog, Trigger: AlertDialogTrigger } = lazyOverlay(alert, {
  root: (module) => module.AlertDialog,
  trigger: (module) => module.AlertDialogTrigger,
  haspopup: 'dialog',
  opensOn: 'click',
});

// Rendered only inside an open confirmation, so after the chunk has arrived.
export const AlertDialogContent = lazyPart(alert, (module) => module.AlertDialogContent);
export const AlertDialogTitle = lazyPart(alert, (module) => module.AlertDialogTitle);
export const AlertDialogDescription = lazyPart(alert, (module) => module.AlertDialogDescription);
export const AlertDialogCancel = lazyPart(alert, (module) => module.AlertDialogCancel);
export const AlertDialogAction = lazyPart(alert, (module) => module.AlertDialogAction);
