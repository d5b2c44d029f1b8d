// The chat-view benchmark (`pnpm bench` in apps/web): the end-to-end setup (production build,
// embedded Postgres, OpenAI test server; E2E_SKIP_BUILD=1 reuses the last build), one worker so
// the figures are not disturbed by a second browser, and only the files in this folder.
import { defineConfig } from '@playwright/test';
import e2e from '../e2e/playwright.config';

export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: '**/*.bench.ts',
  outputDir: '../test-results/bench',
  workers: 1,
  fullyParallel: false,
  timeout: 600_000,
  // No trace and no screenshots: Playwright's tracer snapshots the whole DOM in the page's own
  // main thread at every action and poll, which with a 20,000-token reply was most of the long
  // tasks the benchmark used to report.
  use: { ...e2e.use, trace: 'off', screenshot: 'off' },
  projects: [
    {
      name: 'chromium',
      use: { ...(e2e.projects?.[0]?.use ?? {}), trace: 'off', screenshot: 'off' },
    },
  ],
});
