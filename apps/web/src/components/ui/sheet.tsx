// A panel that slides in from the left on phones (the sidebar), built on Radix Dialog so focus
// is trapped and Escape closes it. Radix's code is a chunk of its own, sheet-radix.tsx, fetched
// once the sheet has mounted rather than in the first load (lazy-overlay.tsx).
'use client';

import { lazyModule, lazyOverlay, lazyPart } from './lazy-overlay';
import type * as Radix from './sheet-radix';

const sheet = lazyModule<typeof Radix>(() => import('./sheet-radix'));

export const { Root: Sheet, Trigger: SheetTrigger } = lazyOverlay(sheet, {
  root: (module) => module.Sheet,
  trigger: (module) => module.SheetTrigger,
  haspopup: 'dialog',
  opensOn: 'click',
});

// Rendered only inside the open sheet, so after the chunk has arrived.
export const SheetContent = lazyPart(sheet, (module) => module.SheetContent);
export const SheetTitle = lazyPart(sheet, (module) => module.SheetTitle);
export const SheetDescription = lazyPart(sheet, (module) => module.SheetDescription);
