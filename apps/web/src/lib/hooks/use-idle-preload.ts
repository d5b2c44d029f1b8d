// Fetches a chunk the page will probably need soon (the reply renderer, the search palette) once
// the browser is idle after loading: out of the first load, yet there before it is asked for.
'use client';

import { useEffect } from 'react';

export function useIdlePreload(load: () => Promise<unknown>): void {
  useEffect(() => {
    // A failed fetch is retried by whoever needs the chunk.
    const start = () => void load().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(start, { timeout: 3000 });
      return () => cancelIdleCallback(handle);
    }
    const timer = setTimeout(start, 1000);
    return () => clearTimeout(timer);
  }, [load]);
}
