// `pnpm db:migrate`: migrate DATABASE_URL, or the embedded Postgres when it is unset.
import { loadEnvironment } from '@zatten/config';
import { resolveDatabase } from '../local/resolve';
import { migrate } from '../migrate';

loadEnvironment();

const database = await resolveDatabase();
try {
  const result = await migrate(database.directUrl, { log: (line) => console.log(line) });
  console.log(
    `migrations: ${result.applied.length} applied, ${result.skipped.length} already applied`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
