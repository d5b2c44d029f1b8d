// Test helpers for every package that needs a real Postgres: see databases.ts and
// global-setup.ts (use it as vitest's globalSetup).
import './global-setup';

export {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from './databases';
export { statementsSentBy } from './statements';
