// Unit tests of the browser-side logic that needs no browser (the cache merging of live events):
// plain Node, a real QueryClient and the real tRPC options proxy over a scripted link.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Next's tsconfig preserves JSX for its own compiler; tests compile it the React 19 way.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
