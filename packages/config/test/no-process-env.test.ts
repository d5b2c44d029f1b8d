// The rule behind "one configuration": settings are read from process.env only in env modules
// (files named env.ts, and this package, which loads and passes the environment on). Any other
// product source that reads it fails here, naming the file and line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Product source: apps, packages and examples, not their tests, e2e suites or benchmarks. */
function productSources(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) =>
      /^(apps|packages|examples)\/[^/]+\/(src|bin)\/.*\.(ts|tsx|mts|mjs|js)$/.test(file),
    )
    .filter((file) => !/\.test\.tsx?$/.test(file));
}

function isEnvModule(file: string): boolean {
  return (
    path.basename(file) === 'env.ts' ||
    file.startsWith('packages/config/src/') ||
    // Next.js's documented runtime check; it must read process.env.NEXT_RUNTIME literally.
    file === 'apps/web/src/instrumentation.ts'
  );
}

function readsOfProcessEnv(file: string): string[] {
  return readFileSync(path.join(repoRoot, file), 'utf8')
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .filter(({ line }) => /process\s*\.\s*env\b|process\s*\[\s*['"]env['"]\s*\]/.test(line))
    .map(({ line, number }) => `${file}:${number}: ${line.trim()}`);
}

describe('settings are read in env modules only', () => {
  it('finds the source files it checks', () => {
    const files = productSources();
    expect(files).toContain('apps/web/src/env.ts');
    expect(files).toContain('packages/db/src/cli/with-db.ts');
  });

  it('no other product source reads process.env', () => {
    const offenders = productSources()
      .filter((file) => !isEnvModule(file))
      .flatMap(readsOfProcessEnv);
    expect(offenders).toEqual([]);
  });
});
