// `pnpm test:reliability [--ci | --soak[=seconds]]`: runs the reliability suite and writes its
// figures to docs/reliability.md. The load test runs 60 s; --ci runs it 15 s (CI's short mode,
// everything else as on demand); --soak runs it for 30 minutes, or the seconds given.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIGURES_FILE } from './harness/figures';
import { writeReport } from './harness/report';

const args = process.argv.slice(2);
const soak = args.find((arg) => arg.startsWith('--soak'));
const loadSeconds = soak ? Number(soak.split('=')[1] ?? 1800) : args.includes('--ci') ? 15 : 60;
rmSync(FIGURES_FILE, { force: true });
const started = Date.now();
const loadAtStart = os.loadavg()[0] ?? 0;
const vitest = spawnSync(
  path.join(import.meta.dirname, '../node_modules/.bin/vitest'),
  ['run', '--config', 'vitest.reliability.config.ts'],
  {
    cwd: path.join(import.meta.dirname, '..'),
    stdio: 'inherit',
    env: { ...process.env, RELIABILITY_LOAD_SECONDS: String(loadSeconds) },
  },
);
// The figures depend on the machine and on what else runs on it: say what it was.
const note = `The whole suite took ${Math.round((Date.now() - started) / 1000)} s on ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start and ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end${args.includes('--ci') ? ' (CI mode: the load test runs 15 s)' : ''}.`;
writeReport({ loadSeconds, passed: vitest.status === 0, note });
process.exit(vitest.status ?? 1);
