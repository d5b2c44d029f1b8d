// What a benchmark hands back: one section of docs/benchmarks.md (Markdown between markers, so
// sections written by other scripts survive a rerun) and the lines it printed.
import { loadAverage } from './machine';

export interface Section {
  id: string;
  title: string;
  body: string;
}

/** Samples the 1-minute load average while `work` runs, so each section records how busy it was. */
export async function underLoad<T>(work: () => Promise<T>): Promise<{ result: T; load: string }> {
  const samples: string[] = [loadAverage()];
  const timer = setInterval(() => samples.push(loadAverage()), 5000);
  try {
    const result = await work();
    samples.push(loadAverage());
    const ones = samples.map((sample) => Number(sample.split(' ')[0]));
    return {
      result,
      load: `load average (1 min) ${Math.min(...ones).toFixed(2)}–${Math.max(...ones).toFixed(2)} during the run`,
    };
  } finally {
    clearInterval(timer);
  }
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
