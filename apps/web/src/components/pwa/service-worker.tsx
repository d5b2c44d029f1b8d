// Registers the service worker (public/sw.js) that shows an offline page instead of the
// browser's error when a page cannot load. Production builds only: in development it would
// get in the way of hot reloading.
'use client';

import { useEffect } from 'react';
import { isProductionBuild } from '~/lib/build/env';

export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!isProductionBuild || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without it the app works the same, only without the offline page.
    });
  }, []);
  return null;
}
