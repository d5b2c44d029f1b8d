// Writes docs/reliability.md from the figures the suite recorded.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readFigures } from './figures';

const REPORT = path.join(import.meta.dirname, '../../../../docs/reliability.md');

/** A Markdown table padded as the repository's formatter (biome) writes it. */
function table(head: string[], rows: Array<Array<string | number>>): string[] {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...cells.slice(1).map(line),
  ];
}

export function writeReport(run: { loadSeconds: number; passed: boolean; note?: string }): void {
  const figures = readFigures();
  const lines = [
    '# Reliability figures',
    '',
    'Written by `pnpm test:reliability` (packages/api/reliability); do not edit by hand.',
    `Last run: ${new Date().toISOString()}, ${run.passed ? 'all checks passed' : 'SOME CHECKS FAILED'}, load ${run.loadSeconds} s, on ${process.platform} ${process.arch}, Node ${process.version}.`,
    ...(run.note ? ['', run.note] : []),
    '',
  ];
  for (const [section, values] of Object.entries(figures)) {
    lines.push(`## ${section}`, '', ...table(['measure', 'value'], Object.entries(values)), '');
  }
  writeFileSync(REPORT, lines.join('\n'));
}
