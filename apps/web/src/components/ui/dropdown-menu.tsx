// Menus (Radix DropdownMenu): arrow keys move, typeahead jumps, Escape closes and focus returns
// to the trigger. Radix's menu code (menu, roving focus, collection: ~9 kB gzip) is a chunk of
// its own, dropdown-menu-radix.tsx, fetched as soon as a menu has mounted rather than in the
// first load. Until it arrives a menu is its trigger alone (the same button, closed); pressed
// meanwhile, it opens when the chunk arrives. The components here take the same props as Radix's.
'use client';

import { Slot } from 'radix-ui';
import {
  type ComponentProps,
  createContext,
  type Ref,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type * as Radix from './dropdown-menu-radix';

type MenuModule = typeof Radix;

let loaded: MenuModule | null = null;
let loading: Promise<MenuModule> | null = null;
const listeners = new Set<() => void>();

function loadMenu(): Promise<MenuModule> {
  loading ??= import('./dropdown-menu-radix').then(
    (module) => {
      loaded = module;
      for (const listener of listeners) listener();
      return module;
    },
    (error: unknown) => {
      // The next menu to mount (or a press) tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Radix's module once it has arrived; null while hydrating, so the server's markup matches. */
function useMenuModule(): MenuModule | null {
  useEffect(() => {
    loadMenu().catch(() => undefined);
  }, []);
  return useSyncExternalStore(
    subscribe,
    () => loaded,
    () => null,
  );
}

interface Waiting {
  press: () => void;
  /** Set when the stand-in trigger had focus as it was replaced, for the real one to take it. */
  hadFocus: RefObject<boolean>;
}

const WaitingContext = createContext<Waiting | null>(null);
const RefocusContext = createContext<RefObject<boolean> | null>(null);

export function DropdownMenu({
  defaultOpen,
  ...props
}: ComponentProps<MenuModule['DropdownMenu']>) {
  const menu = useMenuModule();
  const [pressed, setPressed] = useState(false);
  const hadFocus = useRef(false);
  const { onOpenChange } = props;
  const press = useCallback(() => {
    setPressed(true);
    onOpenChange?.(true);
    loadMenu().catch(() => undefined);
  }, [onOpenChange]);
  const waiting = useMemo(() => ({ press, hadFocus }), [press]);
  if (menu) {
    return (
      <RefocusContext.Provider value={hadFocus}>
        <menu.DropdownMenu {...props} defaultOpen={defaultOpen || pressed} />
      </RefocusContext.Provider>
    );
  }
  return <WaitingContext.Provider value={waiting}>{props.children}</WaitingContext.Provider>;
}

function assignRef<T>(ref: Ref<T> | undefined, node: T | null) {
  if (typeof ref === 'function') ref(node);
  else if (ref) ref.current = node;
}

export function DropdownMenuTrigger(props: ComponentProps<MenuModule['DropdownMenuTrigger']>) {
  const waiting = useContext(WaitingContext);
  if (!waiting && loaded) return <LoadedTrigger menu={loaded} {...props} />;
  return <StandInTrigger waiting={waiting} {...props} />;
}

function LoadedTrigger({
  menu,
  ref,
  ...props
}: ComponentProps<MenuModule['DropdownMenuTrigger']> & { menu: MenuModule }) {
  const refocus = useContext(RefocusContext);
  return (
    <menu.DropdownMenuTrigger
      {...props}
      ref={(node) => {
        assignRef(ref, node);
        if (node && refocus?.current) {
          refocus.current = false;
          node.focus();
        }
      }}
    />
  );
}

/** The trigger until Radix's arrives: the same button, with what Radix's does on a press. */
function StandInTrigger({
  waiting,
  ref,
  asChild,
  children,
  disabled,
  onPointerDown,
  onKeyDown,
  ...props
}: ComponentProps<MenuModule['DropdownMenuTrigger']> & { waiting: Waiting | null }) {
  const node = useRef<HTMLButtonElement | null>(null);
  const hadFocus = waiting?.hadFocus;
  useLayoutEffect(
    () => () => {
      // Replaced by Radix's trigger while focused: that one takes the focus back.
      if (hadFocus && node.current && document.activeElement === node.current) {
        hadFocus.current = true;
      }
    },
    [hadFocus],
  );
  const Component = asChild ? Slot.Root : 'button';
  return (
    <Component
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      data-disabled={disabled ? '' : undefined}
      disabled={disabled}
      {...props}
      ref={(element: HTMLButtonElement | null) => {
        node.current = element;
        assignRef(ref, element);
      }}
      onPointerDown={(event) => {
        onPointerDown?.(event);
        if (disabled || event.defaultPrevented || event.button !== 0 || event.ctrlKey) return;
        waiting?.press();
        // Like Radix: the menu, not the trigger, takes focus when it opens.
        event.preventDefault();
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (disabled || event.defaultPrevented) return;
        if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'ArrowDown') return;
        waiting?.press();
        event.preventDefault();
      }}
    >
      {children}
    </Component>
  );
}

// The rest only ever renders inside an open menu, so after the chunk has arrived.
export function DropdownMenuContent(props: ComponentProps<MenuModule['DropdownMenuContent']>) {
  return loaded ? <loaded.DropdownMenuContent {...props} /> : null;
}

export function DropdownMenuItem(props: ComponentProps<MenuModule['DropdownMenuItem']>) {
  return loaded ? <loaded.DropdownMenuItem {...props} /> : null;
}

export function DropdownMenuRadioItem(props: ComponentProps<MenuModule['DropdownMenuRadioItem']>) {
  return loaded ? <loaded.DropdownMenuRadioItem {...props} /> : null;
}

export function DropdownMenuLabel(props: ComponentProps<MenuModule['DropdownMenuLabel']>) {
  return loaded ? <loaded.DropdownMenuLabel {...props} /> : null;
}

export function DropdownMenuSeparator(props: ComponentProps<MenuModule['DropdownMenuSeparator']>) {
  return loaded ? <loaded.DropdownMenuSeparator {...props} /> : null;
}

export function DropdownMenuGroup(props: ComponentProps<MenuModule['DropdownMenuGroup']>) {
  return loaded ? <loaded.DropdownMenuGroup {...props} /> : null;
}

export function DropdownMenuRadioGroup(
  props: ComponentProps<MenuModule['DropdownMenuRadioGroup']>,
) {
  return loaded ? <loaded.DropdownMenuRadioGroup {...props} /> : null;
}
