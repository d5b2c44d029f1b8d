// A vitest globalSetup for any package testing against Postgres: one server (DATABASE_URL, or the
// embedded Postgres) and one migrated template per run, provided to tests as `testServer`.
import type { TestProject } from 'vitest/node';
import { startTestServer } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: { adminUrl: string; pooledUrl?: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide('testServer', {
    adminUrl: server.adminUrl,
    ...(server.pooledUrl ? { pooledUrl: server.pooledUrl } : {}),
    template: server.template,
  });
  return () => server.teardown();
}
