// The browser build swaps @trpc/client and @trpc/server for their TypeScript sources
// (next.config.ts): every alias must resolve, and the client entry must export every name the
// app and @trpc/tanstack-react-query import at run time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import config from '../../../next.config';

const WEB = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

function browserAliases(): Record<string, string> {
  const aliases = (config.turbopack?.resolveAlias ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(aliases)
      .filter(([name]) => name.startsWith('@trpc/'))
      .map(([name, target]) => [name, (target as { browser: string }).browser]),
  );
}

/** Runtime names imported from `@trpc/client` by a module's text (type-only imports skipped). */
function importedNames(code: string): string[] {
  const names: string[] = [];
  for (const match of code.matchAll(
    /import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]@trpc\/client['"]/g,
  )) {
    if (match[1]) continue;
    for (const part of (match[2] ?? '').split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (name && !name.startsWith('type ')) names.push(name);
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [file] : [];
  });
}

describe('tRPC from its sources in the browser', () => {
  it('aliases @trpc/client and @trpc/server to files that exist', () => {
    const aliases = browserAliases();
    expect(Object.keys(aliases).sort()).toEqual([
      '@trpc/client',
      '@trpc/server',
      '@trpc/server/observable',
      '@trpc/server/rpc',
      '@trpc/server/unstable-core-do-not-import',
      '@trpc/server/vendor/is-plain-object',
    ]);
    for (const target of Object.values(aliases)) {
      expect(existsSync(path.join(WEB, target)), target).toBe(true);
    }
  });

  it('uses one tRPC version for client and server', () => {
    const version = (name: string) =>
      (
        JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
          version: string;
        }
      ).version;
    expect(version('@trpc/client')).toBe(version('@trpc/server'));
  });

  it('exports every name the app and @trpc/tanstack-react-query import', async () => {
    const wanted = new Set(
      sourceFiles(path.join(WEB, 'src')).flatMap((file) =>
        importedNames(readFileSync(file, 'utf8')),
      ),
    );
    const tanstack = readFileSync(
      path.join(path.dirname(require.resolve('@trpc/tanstack-react-query')), 'index.mjs'),
      'utf8',
    );
    for (const name of importedNames(tanstack)) wanted.add(name);
    expect(wanted.size).toBeGreaterThan(3);
    const entry = (await import('./client.browser.js')) as Record<string, unknown>;
    for (const name of wanted) expect(entry[name], `@trpc/client's ${name}`).toBeDefined();
  });
});
