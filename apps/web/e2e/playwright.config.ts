// End-to-end tests of the production build: `next build` + `next start` under the zatten-db
// wrapper (an embedded Postgres with its own data directory and port), local sign-in, and the
// OpenAI test server. Playwright starts both servers and stops them at the end. Debian's Chromium
// is used directly: browser downloads are neither needed nor possible here.
//
// Run from the repo root: `pnpm test:e2e` (E2E_SKIP_BUILD=1 reuses the last build;
// E2E_BASE_URL=http://... runs against servers you started yourself, e.g. while developing).
import { defineConfig, devices } from '@playwright/test';
import { APP_URL, E2E } from './support/ports';

const skipBuild = process.env.E2E_SKIP_BUILD === '1';
const external = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  fullyParallel: true,
  // Each worker drives its own Chromium; more than two starve a small machine's CPUs.
  workers: 2,
  retries: 0,
  // Generous on purpose: these tests assert behaviour, not speed (`pnpm bench` measures that), and
  // on a shared two-core machine two Chromiums, the server and the database can take a page well
  // past ten seconds to hydrate. A page that never gets there still fails.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: external ?? APP_URL,
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: 'database-restart.spec.ts',
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    // Cuts every database connection: alone, once everything else has run (`--no-deps` skips
    // the wait when running it by itself).
    {
      name: 'database-restart',
      testMatch: 'database-restart.spec.ts',
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
  ],
  webServer: external
    ? undefined
    : [
        {
          name: 'openai',
          command: 'pnpm --filter @zatten/ai exec tsx ../../apps/web/e2e/support/openai-server.ts',
          port: E2E.openaiPort,
          reuseExistingServer: false,
          timeout: 30_000,
          stdout: 'pipe',
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
        },
        {
          name: 'web',
          // A fresh database for every run (so tests never see a previous run's chats), and a
          // production build made with NODE_ENV=production whatever the server then runs with.
          command: `rm -rf ${E2E.dataDir} && ${skipBuild ? '' : 'NODE_ENV=production pnpm build && '}pnpm start`,
          cwd: '..',
          url: `${APP_URL}/api/health`,
          reuseExistingServer: false,
          timeout: 300_000,
          stdout: 'pipe',
          gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
          env: {
            PORT: String(E2E.appPort),
            ZATTEN_DATA_DIR: E2E.dataDir,
            EMBEDDED_POSTGRES_PORT: String(E2E.postgresPort),
            DATABASE_URL: '',
            // `next start` with NODE_ENV=test: the production build, with local sign-in allowed
            // (outside development it is an explicit opt-in).
            NODE_ENV: 'test',
            LOCAL_SIGN_IN: '1',
            APP_URL,
            SESSION_SECRET: 'e2e-session-secret-that-is-at-least-32-chars',
            // The admin console's tests sign in as this person (admin.spec.ts).
            ADMIN_EMAILS: 'e2e-admin@example.com',
            OPENAI_API_KEY: 'sk-e2e-test',
            OPENAI_BASE_URL: `http://127.0.0.1:${E2E.openaiPort}/v1`,
            CLERK_SECRET_KEY: '',
            NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: '',
            NEXT_PUBLIC_SUPABASE_URL: '',
            NEXT_PUBLIC_SUPABASE_ANON_KEY: '',
          },
        },
      ],
});
