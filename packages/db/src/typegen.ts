// Runs Supabase's own type generator (@supabase/postgres-meta, what `supabase gen types` runs in
// Docker) against a migrated database and returns the `Database` type source.

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { childEnvironment } from '@zatten/config';

const run = promisify(execFile);

export async function generateDatabaseTypes(url: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@supabase/postgres-meta/package.json');
  const server = path.join(path.dirname(pkg), 'dist', 'server', 'server.js');
  const { stdout } = await run(process.execPath, [server], {
    env: {
      PATH: childEnvironment().PATH,
      PG_META_DB_URL: url,
      PG_META_GENERATE_TYPES: 'typescript',
      PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public',
      PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: 'true',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return `${stdout.trimEnd()}\n`;
}
