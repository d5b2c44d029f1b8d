// Where the end-to-end run puts its servers: ports and a data directory of its own, so it never
// collides with `pnpm dev` (3000, Postgres 54329, .data/).
import os from 'node:os';
import path from 'node:path';

export const E2E = {
  appPort: 3210,
  postgresPort: 54410,
  openaiPort: 4610,
  dataDir: path.join(os.tmpdir(), 'zatten-e2e'),
} as const;

export const APP_URL = `http://127.0.0.1:${E2E.appPort}`;

/** A question the test server answers with its Markdown showcase (used for screenshots). */
export const SHOWCASE_PROMPT = 'Can you plan a week of learning TypeScript?';
