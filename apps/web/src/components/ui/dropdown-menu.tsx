// Menus (Radix DropdownMenu): arrow keys move, typeahead jumps, Escape closes and focus returns
// to the trigger. Radix's menu code (menu, roving focus, collection: ~8 kB gzip) is a chunk of
// its own, dropdown-menu-radix.tsx, fetched once a menu has mounted rather than in the first
// load (lazy-overlay.tsx). The components here take the same props as Radix's. A menu whose
// items only matter once it opens (their code, icons, actions and dialogs) can make them a chunk
// of their own as well: `lazyMenu`.
'use client';

import type { ComponentType } from 'react';
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

/**
 * A menu with its content in a chunk of its own (`importer`), fetched with Radix's once the menu
 * has mounted: the trigger waits for both, so a menu pressed early opens whole, and keyboard
 * users land on its first item as with any other menu. `Content` picks a component of the chunk.
 */
export function lazyMenu<C>(importer: () => Promise<C>) {
  const both = lazyModule(() =>
    Promise.all([menu.load(), importer()]).then(([radix, content]) => ({ radix, content })),
  );
  const { Root, Trigger } = lazyOverlay(both, {
    root: (module) => module.radix.DropdownMenu,
    trigger: (module) => module.radix.DropdownMenuTrigger,
    haspopup: 'menu',
    opensOn: 'pointerdown',
  });
  return {
    Menu: Root,
    Trigger,
    module: both,
    part: <P extends object>(pick: (content: C) => ComponentType<P>) =>
      lazyPart(both, (module) => pick(module.content)),
  };
}
