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

/**
 * Runs each package's piece and reports every bad variable across them at once (t3-env's
 * `extends` would stop at the first failing piece).
 */
export function composeEnv<const T extends readonly (() => Record<string, unknown>)[]>(
  pieces: T,
): { -readonly [K in keyof T]: ReturnType<T[K]> } {
  const issues: EnvIssue[] = [];
  const results = pieces.map((piece) => {
    try {
      return piece();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      issues.push(...error.issues);
      return {};
    }
  });
  if (issues.length > 0) throw new EnvError(issues);
  return results as { -readonly [K in keyof T]: ReturnType<T[K]> };
}
