// Where the repository keeps what this package reads at run time.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const repoRoot = path.resolve(packageRoot, '../..');
export const migrationsDir = path.join(repoRoot, 'supabase', 'migrations');
export const localBootstrapFile = path.join(packageRoot, 'bootstrap', 'supabase-local.sql');
export const defaultDataDir = path.join(repoRoot, '.data');
export const databaseTypesFile = path.join(packageRoot, 'src', 'database.types.ts');
