// The environment a child process inherits (zatten-db hands it to Next, typegen to pg-meta):
// the one sanctioned way to pass process.env on without reading settings from it.
import type { RuntimeEnv } from './piece';

export function childEnvironment(overrides: RuntimeEnv = {}): RuntimeEnv {
  return { ...process.env, ...overrides };
}
