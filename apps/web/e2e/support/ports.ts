// Where the end-to-end run puts its servers: ports and a data directory of its own, so it never
// collides with `pnpm dev` (3000, Postgres 54329, .data/). E2E_PORT_BASE moves all three ports
// (app = base, Postgres = base + 1, OpenAI test server = base + 2) and the data directory, so two
// checkouts can run their suites side by side.
import os from 'node:os';
import path from 'node:path';

const base = Number(process.env.E2E_PORT_BASE ?? '') || null;

export const E2E = {
  appPort: base ?? 3210,
  postgresPort: base ? base + 1 : 54410,
  openaiPort: base ? base + 2 : 4610,
  dataDir: path.join(os.tmpdir(), base ? `zatten-e2e-${base}` : 'zatten-e2e'),
} as const;

export const APP_URL = `http://127.0.0.1:${E2E.appPort}`;

/** A question the test server answers with its Markdown showcase (used for screenshots). */
export const SHOWCASE_PROMPT = 'Can you plan a week of learning TypeScript?';
