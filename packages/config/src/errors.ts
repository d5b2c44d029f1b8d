// One error format for every bad setting, whichever package validates it:
// `Invalid environment: DATABASE_URL must be a postgres:// URL; OPENAI_BASE_URL Invalid URL`.
import type { StandardSchemaV1 } from '@t3-oss/env-core';

export interface EnvIssue {
  variable: string;
  message: string;
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(readonly issues: readonly EnvIssue[]) {
    super(
      `Invalid environment: ${issues.map((issue) => `${issue.variable} ${issue.message}`).join('; ')}`,
    );
  }
}

function variableOf(issue: StandardSchemaV1.Issue): string {
  const name = issue.path
    ?.map((part) => (typeof part === 'object' ? String(part.key) : String(part)))
    .join('.');
  return name || 'environment';
}

/** t3-env's onValidationError: every issue, each naming its variable. */
export function throwEnvError(issues: readonly StandardSchemaV1.Issue[]): never {
  throw new EnvError(
    issues.map((issue) => ({ variable: variableOf(issue), message: issue.message })),
  );
}

type Results<T extends readonly (() => Record<string, unknown>)[]> = {
  -readonly [K in keyof T]: ReturnType<T[K]>;
};

/**
 * Runs each package's piece, then `own` (the app's createEnv, which takes the pieces through
 * t3-env `extends`), and reports every bad variable across all of them in one EnvError (t3-env
 * alone would stop at the first failing piece).
 */
export function composeEnv<const T extends readonly (() => Record<string, unknown>)[], R>(
  pieces: T,
  own: (results: Results<T>) => R,
): R {
  const issues: EnvIssue[] = [];
  const collect = <V>(run: () => V, fallback: V): V => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      issues.push(...error.issues);
      return fallback;
    }
  };
  const results = pieces.map((piece) => collect(piece, {})) as Results<T>;
  const composed = collect(() => own(results), null);
  if (issues.length > 0 || composed === null) throw new EnvError(issues);
  return composed;
}
