// One Postgres server and one migrated template for the whole run (see @zatten/db/testing).
import type { TestProject } from 'vitest/node';
import { startTestServer } from '../src/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: { adminUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide('testServer', { adminUrl: server.adminUrl, template: server.template });
  return () => server.teardown();
}
