// The dist check (run by `pnpm build`) finds every import of a package the client does not
// depend on, in both JavaScript and declarations, whatever the import's form.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { foreignImports, packageOf } from '../scripts/check-dist';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

it('reports server packages imported by the declarations or the JavaScript', async () => {
  const dist = await mkdtemp(path.join(tmpdir(), 'zatten-dist-'));
  dirs.push(dist);
  await writeFile(
    path.join(dist, 'index.d.ts'),
    [
      "import { TRPCClient } from '@trpc/client';",
      "import type { Selectable } from 'kysely';",
      "export type Row = import('@zatten/db').MessageRow;",
      "export { a } from './chunk.js';",
      '/// <reference types="openai" />',
    ].join('\n'),
  );
  await writeFile(
    path.join(dist, 'index.js'),
    'import { EventSource } from "eventsource";\nconst clerk = await import("@clerk/backend");\n',
  );
  expect((await foreignImports(dist)).sort()).toEqual([
    'index.d.ts: @zatten/db',
    'index.d.ts: kysely',
    'index.d.ts: openai',
    'index.js: @clerk/backend',
  ]);
});

it('passes the built package', async () => {
  expect(await foreignImports(path.resolve(import.meta.dirname, '..', 'dist'))).toEqual([]);
});

it('reads package names from specifiers', () => {
  expect(packageOf('@trpc/server/unstable-core-do-not-import')).toBe('@trpc/server');
  expect(packageOf('kysely/helpers')).toBe('kysely');
  expect(packageOf('./router.generated')).toBeNull();
  expect(packageOf('node:events')).toBeNull();
});
