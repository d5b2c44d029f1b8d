// Test helpers for every package that needs a real Postgres: see databases.ts.
export {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from './databases';
