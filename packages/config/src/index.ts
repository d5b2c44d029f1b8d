// @zatten/config: how every process reads its settings. Each package declares its variables in
// its own env.ts (a t3-env piece using throwEnvError); the web app composes them.
export { composeEnv, EnvError, type EnvIssue, throwEnvError } from './errors';
export { envDirectory, type LoadOptions, loadEnvironment } from './load';
