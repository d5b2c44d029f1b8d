// `zatten-db run <command...>`: makes sure the database is up and migrated (embedded by default;
// migrations hold a session lock, so they use DATABASE_DIRECT_URL when set),
// runs the command with DATABASE_URL set, and stops the embedded server when the command ends.
// It loads apps/web's .env files first (as Next.js does), so the database it picks and the one
// Next uses come from the same settings; the child inherits them.
import { spawn } from 'node:child_process';
import { childEnvironment, loadEnvironment } from '@zatten/config';
import { resolveDatabase } from '../local/resolve';
import { migrate } from '../migrate';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: zatten-db <command> [args...]');
  process.exit(2);
}

// `next dev` reads the development files, `next start` (and anything else) the production ones.
loadEnvironment({ mode: args.includes('dev') ? 'development' : 'production' });

const database = await resolveDatabase();
console.log(
  database.embedded
    ? `database: embedded Postgres (${new URL(database.url).host}, data in ${database.dataDir})`
    : 'database: DATABASE_URL',
);
try {
  const result = await migrate(database.directUrl, {
    log: (line) => console.log(`database: ${line}`),
  });
  console.log(`database: migrations up to date (${result.applied.length} applied now)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await database.stop();
  process.exit(1);
}

const child = spawn(command, args, {
  stdio: 'inherit',
  env: childEnvironment({ DATABASE_URL: database.url }),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', async (code, signal) => {
  await database.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
