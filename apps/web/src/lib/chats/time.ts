// Timestamps as Postgres keeps them: to the microsecond. A Date keeps milliseconds, which is not
// enough to order a question and its reply (inserted in one transaction) or two quick writes.

/** Microseconds since the epoch of an ISO 8601 timestamp; NaN when it is not one. */
export function timestampMicros(iso: string): number {
  const ms = Date.parse(iso);
  const fraction = /T[\d:]+\.(\d+)/.exec(iso)?.[1] ?? '';
  return ms * 1000 + Number(fraction.slice(3, 6).padEnd(3, '0'));
}
