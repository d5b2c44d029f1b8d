// `pnpm test:reliability [--soak[=seconds]]`: runs the reliability suite and writes its figures
// to docs/reliability.md. Without --soak the load test runs 60 s (bounded for CI); --soak runs
// it for 30 minutes, or the seconds given.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { FIGURES_FILE } from './harness/figures';
import { writeReport } from './harness/report';

const soak = process.argv.slice(2).find((arg) => arg.startsWith('--soak'));
const loadSeconds = soak ? Number(soak.split('=')[1] ?? 1800) : 60;
rmSync(FIGURES_FILE, { force: true });
const vitest = spawnSync(
  path.join(import.meta.dirname, '../node_modules/.bin/vitest'),
  ['run', '--config', 'vitest.reliability.config.ts'],
  {
    cwd: path.join(import.meta.dirname, '..'),
    stdio: 'inherit',
    env: { ...process.env, RELIABILITY_LOAD_SECONDS: String(loadSeconds) },
  },
);
writeReport({ loadSeconds, passed: vitest.status === 0 });
process.exit(vitest.status ?? 1);
