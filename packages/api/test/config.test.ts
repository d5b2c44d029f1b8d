// One configuration, one error format: each package's piece names every bad variable, and the
// composition names them across pieces in one line.
import { aiEnv, readAiEnv } from '@zatten/ai';
import { composeEnv, EnvError } from '@zatten/config';
import { readDbEnv } from '@zatten/db';
import { describe, expect, it } from 'vitest';
import { readApiEnv } from '../src/env';
import { serverConfigFrom } from '../src/server-config';

function errorOf(run: () => unknown): EnvError {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error('expected an EnvError');
}

describe('the configuration', () => {
  it('takes the connection budget and its bounds from named settings', () => {
    const db = readDbEnv({
      DATABASE_URL: 'postgres://app@pooler.example:6543/postgres',
      DATABASE_DIRECT_URL: 'postgres://app@db.example:5432/postgres',
      DATABASE_POOL_MAX: '3',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '15000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '4000',
    });
    const config = serverConfigFrom({
      ...readApiEnv({ NODE_ENV: 'test' }),
      ...db,
      DATABASE_URL: db.DATABASE_URL ?? '',
    });
    expect(config.databaseUrl).toBe('postgres://app@pooler.example:6543/postgres');
    expect(config.directUrl).toBe('postgres://app@db.example:5432/postgres');
    expect(config.pool).toEqual({
      max: 3,
      timeouts: { connectMs: 2000, statementMs: 15000, idleInTransactionMs: 4000 },
    });
    expect(errorOf(() => readDbEnv({ DATABASE_DIRECT_URL: 'http://x' })).message).toBe(
      'Invalid environment: DATABASE_DIRECT_URL must be a postgres:// URL',
    );
  });

  it('names every bad variable of a piece, not only the first', () => {
    const error = errorOf(() =>
      readDbEnv({ DATABASE_URL: 'mysql://x', EMBEDDED_POSTGRES_PORT: 'eighty' }),
    );
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'DATABASE_URL',
      'EMBEDDED_POSTGRES_PORT',
    ]);
    expect(error.message).toBe(
      'Invalid environment: DATABASE_URL must be a postgres:// URL; EMBEDDED_POSTGRES_PORT must be a port number',
    );
  });

  it('uses the same format in every package', () => {
    expect(() => readAiEnv({ OPENAI_BASE_URL: 'not a url' })).toThrow(
      'Invalid environment: OPENAI_BASE_URL must be a URL',
    );
    expect(() => readApiEnv({ SESSION_SECRET: 'short' })).toThrow(
      'Invalid environment: SESSION_SECRET must be at least 32 characters',
    );
  });

  it('names the bad variables of every piece in one line when composed', () => {
    const source = {
      DATABASE_URL: 'mysql://x',
      OPENAI_BASE_URL: 'nope',
      CLERK_SECRET_KEY: 'sk_test_only_one',
    };
    const error = errorOf(() =>
      composeEnv(
        [() => readDbEnv(source), () => readApiEnv(source), () => aiEnv(source)],
        (pieces) => pieces,
      ),
    );
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'DATABASE_URL',
      'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
      'OPENAI_BASE_URL',
    ]);
  });

  it('treats blank values as unset', () => {
    expect(readDbEnv({ DATABASE_URL: '', EMBEDDED_POSTGRES_PORT: '' })).toEqual({});
    expect(readAiEnv({ OPENAI_API_KEY: '  ' }).apiKey).toBeUndefined();
  });
});
