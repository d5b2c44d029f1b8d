// CI check after `next build`: no server secret and no server-only module in what the browser
// downloads (.next/static). Run with the same environment the build had:
//   node apps/web/scripts/check-client-bundle.ts
// It refuses to pass vacuously: at least one server variable must be set, and the build must exist.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundleFile, findLeaks, secretValues } from '../src/lib/security/bundle-scan.ts';

const root = fileURLToPath(new URL('../.next/static', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let paths: string[];
try {
  paths = walk(root).filter((path) => /\.(js|mjs|css|json|html|txt)$/.test(path));
} catch {
  console.error(`check-client-bundle: no build at ${root}; run next build first`);
  process.exit(2);
}
const secrets = secretValues(process.env);
if (secrets.size === 0) {
  console.error('check-client-bundle: no server variable is set, so nothing would be checked');
  process.exit(2);
}
const files: BundleFile[] = paths.map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));
const leaks = findLeaks(files, secrets);
if (leaks.length) {
  for (const leak of leaks) console.error(`check-client-bundle: ${leak.what} in ${leak.file}`);
  process.exit(1);
}
console.log(
  `check-client-bundle: ${files.length} client files clean of ${secrets.size} server values and server packages`,
);
