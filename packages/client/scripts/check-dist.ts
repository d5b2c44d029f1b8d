// Fails the build when the published files import anything but the package's own dependencies:
// the bundled declarations must describe the API without a server package (@zatten/*, kysely,
// @clerk/*, openai, pg, zod, ...), or installing the client would need them.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const ALLOWED = new Set(['@trpc/client', '@trpc/server', 'eventsource']);
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\/\/\/\s*<reference\s+types=)["']([^"']+)["']/g;

/** Bare package name of an import specifier, or null for a relative or built-in import. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null);
}

export async function foreignImports(dist: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dist)) {
    if (!/\.(js|d\.ts)$/.test(name)) continue;
    const text = await readFile(path.join(dist, name), 'utf8');
    for (const [, specifier] of text.matchAll(SPECIFIER)) {
      const pkg = specifier && packageOf(specifier);
      if (pkg && !ALLOWED.has(pkg)) found.push(`${name}: ${specifier}`);
    }
  }
  return found;
}

if (import.meta.main) {
  const dist = path.resolve(import.meta.dirname, '..', 'dist');
  const found = await foreignImports(dist);
  if (found.length > 0) {
    console.error(`dist imports packages the client does not depend on:\n  ${found.join('\n  ')}`);
    process.exit(1);
  }
  console.log('dist imports only @trpc/client, @trpc/server and eventsource');
}
