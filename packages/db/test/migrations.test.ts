import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { MigrationError, migrate } from '../src/migrate';
import { migrationsDir } from '../src/paths';
import { createTestDatabase } from '../src/testing';

async function schemaSnapshot(url: string) {
  const sql = postgres(url, { max: 1 });
  try {
    return await sql`
      select table_schema, table_name, column_name, data_type, is_nullable, column_default
      from information_schema.columns
      where table_schema in ('public', 'realtime', 'auth')
      order by 1, 2, 3`;
  } finally {
    await sql.end();
  }
}

describe('migration runner', () => {
  it('applies every migration once and changes nothing when run again', async () => {
    const db = await createTestDatabase(inject('testServer'), { migrated: false });
    try {
      const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
      const first = await migrate(db.url);
      expect(first.applied).toEqual(files);
      expect(first.bootstrapped).toBe(true);
      const before = await schemaSnapshot(db.url);
      const second = await migrate(db.url);
      expect(second.applied).toEqual([]);
      expect(second.skipped).toEqual(files);
      expect(await schemaSnapshot(db.url)).toEqual(before);
    } finally {
      await db.drop();
    }
  });

  it('lets two concurrent migrators take turns', async () => {
    const db = await createTestDatabase(inject('testServer'), { migrated: false });
    try {
      const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
      const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql'));
      // One of them did the work, the other found it done; nothing failed or ran twice.
      expect([...a.applied, ...b.applied].sort()).toEqual(files.sort());
      expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
      const sql = postgres(db.url, { max: 1 });
      const [row] = await sql`select count(*)::int as n from supabase_migrations.schema_migrations`;
      await sql.end();
      expect(row?.n).toBe(files.length);
    } finally {
      await db.drop();
    }
  });

  it('stops on a bad migration naming the file, the line and the Postgres error', async () => {
    const db = await createTestDatabase(inject('testServer'), { migrated: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zatten-migrations-'));
    try {
      await writeFile(path.join(dir, '001_good.sql'), 'create table public.good (id int);\n');
      await writeFile(
        path.join(dir, '002_bad.sql'),
        'create table public.half (id int);\n\nselect * from public.missing_table;\n',
      );
      const error = await migrate(db.url, { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).file).toBe('002_bad.sql');
      expect((error as MigrationError).message).toMatch(
        /002_bad\.sql failed: relation "public\.missing_table" does not exist \(line 3\)/,
      );
      // The failed file left nothing behind; the good one stays applied.
      const sql = postgres(db.url, { max: 1 });
      const tables = await sql`select tablename from pg_tables where schemaname = 'public'`;
      await sql.end();
      expect(tables.map((t) => t.tablename).sort()).toEqual(['good']);
    } finally {
      await db.drop();
    }
  });

  it('refuses a migration that changed after it was applied', async () => {
    const db = await createTestDatabase(inject('testServer'), { migrated: false });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zatten-migrations-'));
    try {
      const file = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort()[0];
      if (!file) throw new Error('no migrations');
      await copyFile(path.join(migrationsDir, file), path.join(dir, file));
      await migrate(db.url, { dir });
      await writeFile(path.join(dir, file), '-- edited\n', { flag: 'a' });
      await expect(migrate(db.url, { dir })).rejects.toThrow(/changed after being applied/);
    } finally {
      await db.drop();
    }
  });
});
