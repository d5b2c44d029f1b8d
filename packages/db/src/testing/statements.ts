// What a piece of code sends to the server: every statement sent on a connection the pool hands
// out while it runs (each connection's `query` is wrapped on acquire and restored afterwards).
import type pg from 'pg';

type Query = (...args: unknown[]) => unknown;

export async function statementsSentBy(
  pool: pg.Pool,
  fn: () => Promise<unknown>,
): Promise<string[]> {
  const statements: string[] = [];
  const wrapped = new Map<{ query: Query }, Query>();
  const onAcquire = (client: pg.PoolClient) => {
    const connection = client as unknown as { query: Query };
    if (wrapped.has(connection)) return;
    const query = connection.query;
    wrapped.set(connection, query);
    connection.query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === 'string' ? first : (first.text ?? ''));
      return query(...args);
    };
  };
  pool.on('acquire', onAcquire);
  try {
    await fn();
  } finally {
    pool.off('acquire', onAcquire);
    for (const [connection, query] of wrapped) connection.query = query;
  }
  return statements;
}
