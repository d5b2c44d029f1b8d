// The reliability suite (`pnpm test:reliability`): real server processes over HTTP on a Postgres
// of the suite's own. One file at a time: they start and kill processes and share the port.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['reliability/**/*.reliability.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
