// Figures the reliability tests measure, gathered in one JSON file while the suite runs and
// written to docs/reliability.md at the end (reliability/run.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const FIGURES_FILE =
  process.env.RELIABILITY_FIGURES ?? '/tmp/zatten-reliability-figures.json';

export type Figures = Record<string, Record<string, string | number>>;

export function recordFigures(section: string, figures: Record<string, string | number>): void {
  const all: Figures = existsSync(FIGURES_FILE)
    ? (JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Figures)
    : {};
  all[section] = { ...all[section], ...figures };
  writeFileSync(FIGURES_FILE, JSON.stringify(all, null, 2));
}

export function readFigures(): Figures {
  return existsSync(FIGURES_FILE)
    ? (JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Figures)
    : {};
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}
