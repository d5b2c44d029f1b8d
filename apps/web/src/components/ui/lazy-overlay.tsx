// Menus and dialogs without their Radix code in the first load. Each family's Radix module is a
// chunk of its own (dropdown-menu-radix.tsx, dialog-radix.tsx...), fetched as soon as one of its
// roots has mounted. Until it arrives a root renders its trigger alone (the same button, closed)
// and nothing else: nothing else shows while closed. A trigger pressed meanwhile opens its root
// when the chunk arrives, and a root opened from outside (`open`) shows once it has.
'use client';

import {
  type ComponentProps,
  type ComponentType,
  createContext,
  type ReactNode,
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
import { Slot } from './slot';

export interface LazyModule<M> {
  /** Fetches the chunk (once; again after a failure). */
  load: () => Promise<M>;
  /** The module once it has arrived, null before. */
  current: () => M | null;
  /**
   * The module for rendering: null while hydrating, so the server's markup matches. Fetches it
   * once mounted unless `fetch` is false (something else, a press or idle time, starts it).
   */
  useModule: (fetch?: boolean) => M | null;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  const listeners = new Set<() => void>();
  const load = () => {
    loading ??= importer().then(
      (module) => {
        loaded = module;
        for (const listener of listeners) listener();
        return module;
      },
      (error: unknown) => {
        // The next root to mount (or a press) tries again.
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    load,
    current: () => loaded,
    useModule: (fetch = true) => {
      useEffect(() => {
        if (fetch) load().catch(() => undefined);
      }, [fetch]);
      return useSyncExternalStore(
        subscribe,
        () => loaded,
        () => null,
      );
    },
  };
}

/** A part rendered only inside an open root (content, items, titles): after the chunk arrived. */
export function lazyPart<M, P extends object>(
  module: LazyModule<M>,
  pick: (module: M) => ComponentType<P>,
) {
  return function LazyPart(props: P) {
    const loaded = module.current();
    if (!loaded) return null;
    const Part = pick(loaded);
    return <Part {...props} />;
  };
}

interface RootProps {
  children?: ReactNode;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
}

interface TriggerProps {
  asChild?: boolean;
  children?: ReactNode;
  disabled?: boolean;
  ref?: Ref<HTMLButtonElement>;
  onClick?: (event: React.MouseEvent<HTMLButtonElement>) => void;
  onPointerDown?: (event: React.PointerEvent<HTMLButtonElement>) => void;
  onKeyDown?: (event: React.KeyboardEvent<HTMLButtonElement>) => void;
}

interface Waiting {
  press: () => void;
  /** Set when the stand-in trigger had focus as it was replaced, for the real one to take it. */
  hadFocus: RefObject<boolean>;
}

function assignRef<T>(ref: Ref<T> | undefined, node: T | null) {
  if (typeof ref === 'function') ref(node);
  else if (ref) ref.current = node;
}

/**
 * A root and its trigger. `haspopup` and `opensOn` say what Radix's trigger announces and which
 * event opens it (menus open on pointer down and Enter, Space or ArrowDown; dialogs on click).
 */
export function lazyOverlay<M, R extends RootProps, T extends TriggerProps>(
  module: LazyModule<M>,
  parts: {
    root: (module: M) => ComponentType<R>;
    trigger: (module: M) => ComponentType<T>;
    haspopup: 'menu' | 'dialog';
    opensOn: 'pointerdown' | 'click';
  },
) {
  const WaitingContext = createContext<Waiting | null>(null);
  const RefocusContext = createContext<RefObject<boolean> | null>(null);

  function Root({ defaultOpen, ...props }: R) {
    const loaded = module.useModule();
    const [pressed, setPressed] = useState(false);
    const hadFocus = useRef(false);
    const { onOpenChange } = props;
    const press = useCallback(() => {
      setPressed(true);
      onOpenChange?.(true);
      module.load().catch(() => undefined);
    }, [onOpenChange]);
    const waiting = useMemo(() => ({ press, hadFocus }), [press]);
    if (loaded) {
      const RadixRoot = parts.root(loaded);
      const rootProps = { ...props, defaultOpen: defaultOpen || pressed } as R;
      return (
        <RefocusContext.Provider value={hadFocus}>
          <RadixRoot {...rootProps} />
        </RefocusContext.Provider>
      );
    }
    return <WaitingContext.Provider value={waiting}>{props.children}</WaitingContext.Provider>;
  }

  function LoadedTrigger({ ref, ...props }: T) {
    const refocus = useContext(RefocusContext);
    const loaded = module.current();
    if (!loaded) return null;
    const RadixTrigger = parts.trigger(loaded);
    const triggerProps = {
      ...props,
      ref: (node: HTMLButtonElement | null) => {
        assignRef(ref, node);
        if (node && refocus?.current) {
          refocus.current = false;
          node.focus();
        }
      },
    } as T;
    return <RadixTrigger {...triggerProps} />;
  }

  /** The trigger until Radix's arrives: the same button, with what Radix's does on a press. */
  function StandInTrigger({
    waiting,
    ref,
    asChild,
    children,
    disabled,
    onClick,
    onPointerDown,
    onKeyDown,
    ...props
  }: TriggerProps & { waiting: Waiting | null }) {
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
    const Component = asChild ? Slot : 'button';
    const handlers: ComponentProps<'button'> =
      parts.opensOn === 'click'
        ? {
            onClick: (event) => {
              onClick?.(event);
              if (!disabled && !event.defaultPrevented) waiting?.press();
            },
            onPointerDown,
            onKeyDown,
          }
        : {
            onClick,
            onPointerDown: (event) => {
              onPointerDown?.(event);
              if (disabled || event.defaultPrevented || event.button !== 0 || event.ctrlKey) return;
              waiting?.press();
              // Like Radix: the menu, not the trigger, takes focus when it opens.
              event.preventDefault();
            },
            onKeyDown: (event) => {
              onKeyDown?.(event);
              if (disabled || event.defaultPrevented) return;
              if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'ArrowDown') return;
              waiting?.press();
              event.preventDefault();
            },
          };
    return (
      <Component
        type="button"
        aria-haspopup={parts.haspopup}
        aria-expanded={false}
        data-state="closed"
        data-disabled={disabled ? '' : undefined}
        disabled={disabled}
        {...props}
        {...handlers}
        ref={(element: HTMLButtonElement | null) => {
          node.current = element;
          assignRef(ref, element);
        }}
      >
        {children}
      </Component>
    );
  }

  function Trigger(props: T) {
    const waiting = useContext(WaitingContext);
    if (!waiting && module.current()) return <LoadedTrigger {...props} />;
    return <StandInTrigger waiting={waiting} {...props} />;
  }

  return { Root, Trigger };
}
