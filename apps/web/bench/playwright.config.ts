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
  projects: [{ name: 'chromium', use: e2e.projects?.[0]?.use ?? {} }],
});
