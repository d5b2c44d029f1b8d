// Where the root layout hands over to Clerk's provider (clerk-provider.tsx), through a dynamic
// import: a client module a layout imports directly, even one it renders only with Clerk on, is
// in the first load of every page, and Clerk's client is about 40 kB gzip that a local
// installation never runs. With Clerk on it still renders on the server, and the page waits for
// the chunk before it hydrates, as it waited for the same code in its first load before.
// (The sign-in page imports Clerk's sign-in directly: with Turbopack 16.4 a dynamic import there
// made the server announce preloads of chunk files the build never wrote.)
'use client';

import dynamic from 'next/dynamic';

export const ClerkBoundary = dynamic(() =>
  import('./clerk-provider').then((module) => module.ZattenClerkProvider),
);
