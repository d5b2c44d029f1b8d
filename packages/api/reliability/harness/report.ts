// Writes docs/reliability.md from the figures the suite recorded.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readFigures } from './figures';

const REPORT = path.join(import.meta.dirname, '../../../../docs/reliability.md');

export function writeReport(run: { loadSeconds: number; passed: boolean }): void {
  const figures = readFigures();
  const lines = [
    '# Reliability figures',
    '',
    'Written by `pnpm test:reliability` (packages/api/reliability); do not edit by hand.',
    `Last run: ${new Date().toISOString()}, ${run.passed ? 'all checks passed' : 'SOME CHECKS FAILED'}, load ${run.loadSeconds} s, on ${process.platform} ${process.arch}, Node ${process.version}.`,
    '',
  ];
  for (const [section, values] of Object.entries(figures)) {
    lines.push(`## ${section}`, '', '| measure | value |', '|---|---|');
    for (const [name, value] of Object.entries(values)) lines.push(`| ${name} | ${value} |`);
    lines.push('');
  }
  writeFileSync(REPORT, lines.join('\n'));
}
