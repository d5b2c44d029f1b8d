// The one configuration of the server: the web app's own variables composed (t3-env `extends`)
// with each package's piece (db, api, ai). Validated at start-up: every bad variable is named in
// one line (EnvError). Nothing else in the app reads process.env.
import { createEnv } from '@t3-oss/env-nextjs';
import { aiEnv } from '@zatten/ai/env';
import { readApiEnv } from '@zatten/api/env';
import { composeEnv, type RuntimeEnv, throwEnvError } from '@zatten/config';
import { readDbEnv, readLocalSecret } from '@zatten/db/env';
import { z } from 'zod';

// Read through an alias: Next.js inlines `process.env.NEXT_PUBLIC_*` at build time, and these must
// be read when the server starts instead.
const runtime: RuntimeEnv = process.env;

// `next build` collects route configuration without a runtime environment; the server checks it
// at start (instrumentation.ts).
const skipValidation = runtime.NEXT_PHASE === 'phase-production-build';

/**
 * Outside production, local sign-in cookies are signed with a secret kept in the data directory,
 * so signing in survives a restart of `pnpm dev`; SESSION_SECRET overrides it.
 */
function apiSource(): RuntimeEnv {
  if (skipValidation || runtime.SESSION_SECRET || runtime.NODE_ENV === 'production') return runtime;
  return { ...runtime, SESSION_SECRET: readLocalSecret('session', runtime) };
}

export const env = composeEnv(
  [
    () => readDbEnv(runtime, { skipValidation }),
    () => readApiEnv(apiSource(), { skipValidation }),
    () => aiEnv(runtime, { skipValidation }),
  ],
  (pieces) =>
    createEnv({
      extends: pieces,
      server: {
        // Set by zatten-db (`pnpm dev`, `pnpm start`) or by the host.
        DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
        NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      },
      // Read on the server at run time (never inlined into the browser bundle), so one build
      // serves every mode; the browser learns what it needs from system.info.
      shared: {
        NEXT_PUBLIC_SUPABASE_URL: z
          .url({ error: 'must be the https URL of the Supabase project' })
          .optional(),
        NEXT_PUBLIC_SUPABASE_ANON_KEY: z
          .string()
          .min(20, 'must be the anon key of the project')
          .optional(),
      },
      client: {},
      experimental__runtimeEnv: {
        NEXT_PUBLIC_SUPABASE_URL: runtime.NEXT_PUBLIC_SUPABASE_URL,
        NEXT_PUBLIC_SUPABASE_ANON_KEY: runtime.NEXT_PUBLIC_SUPABASE_ANON_KEY,
      },
      emptyStringAsUndefined: true,
      onValidationError: throwEnvError,
      skipValidation,
    }),
);

/** Clerk signs people in only when both of its keys are set (the api piece refuses one alone). */
export const clerkEnabled = Boolean(env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
