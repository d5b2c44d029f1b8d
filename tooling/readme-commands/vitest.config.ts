import { defineConfig } from 'vitest/config';

// Each test starts `pnpm dev` in a fresh copy: an install from the local store, an initdb and a
// first compile take minutes on a small machine, so the bounds are wide (they are limits, not
// measurements).
export default defineConfig({
  test: {
    testTimeout: 360_000,
    hookTimeout: 360_000,
    fileParallelism: false,
  },
});
