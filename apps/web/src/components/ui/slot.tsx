// `asChild`: renders its one child element with the slot's props merged in, as Radix Slot does
// (without Radix's code in the first load). The child's event handlers run before the slot's,
// class names are joined, styles merged (the child's win), any other prop of the child wins, and
// both refs receive the node.
'use client';

import {
  Children,
  type CSSProperties,
  cloneElement,
  type HTMLAttributes,
  isValidElement,
  type ReactElement,
  type ReactNode,
  type Ref,
  type RefCallback,
  useCallback,
} from 'react';

type AnyProps = Record<string, unknown>;

function setRef<T>(ref: Ref<T> | undefined, node: T | null): (() => void) | undefined {
  if (typeof ref === 'function') return ref(node) as (() => void) | undefined;
  if (ref) ref.current = node;
  return undefined;
}

/** One ref callback that feeds every ref given (and runs their React 19 cleanups). */
function useComposedRefs<T>(...refs: (Ref<T> | undefined)[]): RefCallback<T> {
  return useCallback((node: T | null) => {
    const cleanups = refs.map((ref) => setRef(ref, node));
    if (!cleanups.some((cleanup) => typeof cleanup === 'function')) return;
    return () => {
      refs.forEach((ref, index) => {
        const cleanup = cleanups[index];
        if (typeof cleanup === 'function') cleanup();
        else setRef(ref, null);
      });
    };
  }, refs);
}

function mergeProps(slotProps: AnyProps, childProps: AnyProps): AnyProps {
  const merged: AnyProps = { ...slotProps, ...childProps };
  for (const name of Object.keys(slotProps)) {
    const slotValue = slotProps[name];
    const childValue = childProps[name];
    if (/^on[A-Z]/.test(name) && typeof slotValue === 'function') {
      merged[name] =
        typeof childValue === 'function'
          ? (...args: unknown[]) => {
              const result = childValue(...args);
              slotValue(...args);
              return result;
            }
          : slotValue;
    } else if (name === 'style') {
      merged.style = { ...(slotValue as CSSProperties), ...(childValue as CSSProperties) };
    } else if (name === 'className') {
      merged.className = [slotValue, childValue].filter(Boolean).join(' ');
    }
  }
  return merged;
}

export function Slot({
  children,
  ref,
  ...props
}: HTMLAttributes<HTMLElement> & { children?: ReactNode; ref?: Ref<HTMLElement> }) {
  const child = Children.only(children) as ReactElement<AnyProps & { ref?: Ref<HTMLElement> }>;
  const childRef = isValidElement(child) ? child.props.ref : undefined;
  const composed = useComposedRefs(ref, childRef);
  if (!isValidElement(child)) return null;
  return cloneElement(child, { ...mergeProps(props, child.props), ref: composed });
}
