// @zatten/config: how every process reads its settings. Each package declares its variables in
// its own env.ts (an envPiece); the web app composes them (composeEnv + t3-env `extends`), and
// every process loads the same .env files first (loadEnvironment).

export { childEnvironment } from './child';
export { composeEnv, EnvError, type EnvIssue, throwEnvError } from './errors';
export { envDirectory, type LoadOptions, loadEnvironment } from './load';
export { envPiece, type PieceOptions, type RuntimeEnv } from './piece';
