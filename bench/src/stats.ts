// Small statistics for the benchmarks: medians and tail percentiles of millisecond samples.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);
export const p99 = (samples: readonly number[]) => percentile(samples, 99);

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A difference with its sign: +1.5, −0.3 (a minus sign, not a hyphen after a plus). */
export function signed(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 0 ? `−${fmt(-value, digits)}` : `+${fmt(value, digits)}`;
}

export function ratio(candidate: number, baseline: number): string {
  if (!Number.isFinite(candidate) || !Number.isFinite(baseline) || baseline === 0) return 'n/a';
  return `${(candidate / baseline).toFixed(2)}x`;
}
