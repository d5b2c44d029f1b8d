// Menus (Radix DropdownMenu): arrow keys move, typeahead jumps, Escape closes and focus returns
// to the trigger. Radix's menu code (menu, roving focus, collection: ~8 kB gzip) is a chunk of
// its own, dropdown-menu-radix.tsx, fetched once a menu has mounted rather than in the first
// load (lazy-overlay.tsx). The components here take the same props as Radix's.
'use client';

import type * as Radix from './dropdown-menu-radix';
import { lazyModule, lazyOverlay, lazyPart } from './lazy-overlay';

const menu = lazyModule<typeof Radix>(() => import('./dropdown-menu-radix'));

export const { Root: DropdownMenu, Trigger: DropdownMenuTrigger } = lazyOverlay(menu, {
  root: (module) => module.DropdownMenu,
  trigger: (module) => module.DropdownMenuTrigger,
  haspopup: 'menu',
  opensOn: 'pointerdown',
});

// The rest only ever renders inside an open menu, so after the chunk has arrived.
export const DropdownMenuContent = lazyPart(menu, (module) => module.DropdownMenuContent);
export const DropdownMenuItem = lazyPart(menu, (module) => module.DropdownMenuItem);
export const DropdownMenuRadioItem = lazyPart(menu, (module) => module.DropdownMenuRadioItem);
export const DropdownMenuLabel = lazyPart(menu, (module) => module.DropdownMenuLabel);
export const DropdownMenuSeparator = lazyPart(menu, (module) => module.DropdownMenuSeparator);
export const DropdownMenuGroup = lazyPart(menu, (module) => module.DropdownMenuGroup);
export const DropdownMenuRadioGroup = lazyPart(menu, (module) => module.DropdownMenuRadioGroup);
