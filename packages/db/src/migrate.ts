// The migration runner: applies supabase/migrations/*.sql in name order, each in a transaction,
// records them where the Supabase CLI does (supabase_migrations.schema_migrations), and holds an
// advisory lock so two processes migrating at once take turns. On plain Postgres it first applies
// the local Supabase bootstrap; on Supabase it never does.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { localBootstrapFile, migrationsDir } from './paths';

// Arbitrary constant shared by every migrator of this schema.
const MIGRATION_LOCK_KEY = 7_262_011_250;

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`migration ${file} failed: ${detail}`, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationResult {
  applied: string[];
  skipped: string[];
  bootstrapped: boolean;
}

interface MigrationFile {
  version: string;
  name: string;
  file: string;
  text: string;
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (file) => {
      const match = /^(\d+)_(.+)\.sql$/.exec(file);
      if (!match?.[1] || !match[2]) {
        throw new MigrationError(file, 'file name must look like <digits>_<name>.sql');
      }
      return {
        version: match[1],
        name: match[2],
        file,
        text: await readFile(path.join(dir, file), 'utf8'),
      };
    }),
  );
}

function describePgError(error: unknown, text: string): string {
  if (error instanceof postgres.PostgresError) {
    const position = Number(error.position);
    const where =
      Number.isFinite(position) && position > 0
        ? ` (line ${text.slice(0, position).split('\n').length})`
        : '';
    return `${error.message}${where}${error.detail ? ` - ${error.detail}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function isSupabase(sql: postgres.Sql): Promise<boolean> {
  const [row] = await sql<{ supabase: boolean }[]>`
    select exists (select 1 from pg_roles where rolname = 'supabase_admin') as supabase`;
  return row?.supabase ?? false;
}

export async function migrate(
  url: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const files = await readMigrations(options.dir ?? migrationsDir);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const result: MigrationResult = { applied: [], skipped: [], bootstrapped: false };
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;

    if (!(await isSupabase(sql))) {
      const text = await readFile(localBootstrapFile, 'utf8');
      try {
        await sql.begin((tx) => tx.unsafe(text).simple());
      } catch (error) {
        throw new MigrationError('bootstrap/supabase-local.sql', describePgError(error, text), {
          cause: error,
        });
      }
      result.bootstrapped = true;
    }

    await sql
      .unsafe(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );`)
      .simple();

    const rows = await sql<{ version: string; statements: string[] | null }[]>`
      select version, statements from supabase_migrations.schema_migrations`;
    const applied = new Map(rows.map((row) => [row.version, row.statements]));

    for (const migration of files) {
      if (applied.has(migration.version)) {
        const recorded = applied.get(migration.version);
        if (recorded?.length === 1 && recorded[0] !== migration.text) {
          throw new MigrationError(
            migration.file,
            'it was changed after being applied; add a new migration instead',
          );
        }
        result.skipped.push(migration.file);
        continue;
      }
      try {
        await sql.begin(async (tx) => {
          await tx.unsafe(migration.text).simple();
          await tx`
            insert into supabase_migrations.schema_migrations (version, statements, name)
            values (${migration.version}, ${[migration.text]}, ${migration.name})`;
        });
      } catch (error) {
        throw new MigrationError(migration.file, describePgError(error, migration.text), {
          cause: error,
        });
      }
      log(`applied ${migration.file}`);
      result.applied.push(migration.file);
    }
    return result;
  } finally {
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    await sql.end();
  }
}
