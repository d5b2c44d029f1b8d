// Domain errors the data layer throws. The api package maps them to tRPC codes and HTTP statuses
// in one place; nothing here knows about either.
export type DataErrorKind = 'not_found' | 'conflict' | 'invalid_input' | 'forbidden';

export class DataError extends Error {
  constructor(
    readonly kind: DataErrorKind,
    /** A stable machine-readable reason, e.g. `chat_not_found`. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DataError';
  }
}

export const notFound = (reason: string, message: string) =>
  new DataError('not_found', reason, message);
export const conflict = (reason: string, message: string, cause?: unknown) =>
  new DataError('conflict', reason, message, { cause });
export const forbidden = (reason: string, message: string) =>
  new DataError('forbidden', reason, message);
export const invalidInput = (reason: string, message: string) =>
  new DataError('invalid_input', reason, message);

/** Postgres unique_violation, optionally on a named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // node-postgres names the constraint `constraint`, postgres.js `constraint_name`.
  const err = error as { code?: string; constraint?: string; constraint_name?: string };
  const name = err.constraint ?? err.constraint_name;
  return err.code === '23505' && (constraint === undefined || name === constraint);
}
