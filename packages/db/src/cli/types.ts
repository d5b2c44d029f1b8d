// `pnpm db:types`: regenerates src/database.types.ts from the migrations, on a throwaway database.
import { writeFile } from 'node:fs/promises';
import { databaseTypesFile } from '../paths';
import { createTestDatabase, startTestServer } from '../testing/databases';
import { generateDatabaseTypes } from '../typegen';

const server = await startTestServer();
try {
  const database = await createTestDatabase(server);
  try {
    await writeFile(databaseTypesFile, await generateDatabaseTypes(database.url));
    console.log(`wrote ${databaseTypesFile}`);
  } finally {
    await database.drop();
  }
} finally {
  await server.teardown();
}
