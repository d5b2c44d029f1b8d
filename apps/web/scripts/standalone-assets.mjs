// After `next build`: copies what the standalone server does not trace itself (the static
// chunks, and public/ if the app has one) next to its server.js, as Next.js's deployment guide
// says, so `.next/standalone` runs on its own.
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(app, '.next', 'standalone', 'apps', 'web');
if (!existsSync(path.join(server, 'server.js'))) {
  console.error(`standalone-assets: ${server}/server.js is missing; run next build first`);
  process.exit(1);
}
cpSync(path.join(app, '.next', 'static'), path.join(server, '.next', 'static'), {
  recursive: true,
});
if (existsSync(path.join(app, 'public'))) {
  cpSync(path.join(app, 'public'), path.join(server, 'public'), { recursive: true });
}
console.log(`standalone-assets: static files copied into ${path.relative(app, server)}`);
