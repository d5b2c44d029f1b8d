// Domain errors the data layer throws: the shared shape (@zatten/errors). The api package maps
// them to tRPC codes and HTTP statuses in one place; nothing here knows about either.
import { DomainError } from '@zatten/errors';

export type DataErrorKind = 'not_found' | 'conflict' | 'invalid_input' | 'forbidden';

export class DataError extends DomainError {
  constructor(kind: DataErrorKind, reason: string, message: string, options?: { cause?: unknown }) {
    super(kind, reason, message, options);
    this.name = 'DataError';
  }

  /** The error's code, under the name this class has always used. */
  get kind(): DataErrorKind {
    return this.code as DataErrorKind;
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
