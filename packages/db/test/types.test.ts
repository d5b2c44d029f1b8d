import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { databaseTypesFile } from '../src/paths';
import { generateDatabaseTypes } from '../src/typegen';
import { useDatabase } from './helpers';

const ctx = useDatabase();

it('has committed Database types that match the migrations (run `pnpm db:types`)', async () => {
  const generated = await generateDatabaseTypes(ctx.test.url);
  const committed = await readFile(databaseTypesFile, 'utf8');
  expect(generated).toContain('export type Database');
  expect(committed).toBe(generated);
}, 60_000);
