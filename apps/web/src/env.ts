// The web app's own environment, validated at start-up: a missing or malformed variable stops the
// app with one line that names it. The packages validate theirs (src/server/config.ts composes
// them); nothing else in the app reads process.env.
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

// Read through an alias: Next.js inlines `process.env.NEXT_PUBLIC_*` at build time, and these must
// be read when the server starts instead.
const runtime: Record<string, string | undefined> = process.env;

export const env = createEnv({
  server: {
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    CLERK_SECRET_KEY: z.string().startsWith('sk_', 'must start with sk_').optional(),
  },
  // Read on the server at run time (never inlined into the browser bundle), so one build serves
  // every mode; the browser learns what it needs from system.info.
  shared: {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z
      .string()
      .startsWith('pk_', 'must start with pk_')
      .optional(),
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
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: runtime.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
    NEXT_PUBLIC_SUPABASE_URL: runtime.NEXT_PUBLIC_SUPABASE_URL,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: runtime.NEXT_PUBLIC_SUPABASE_ANON_KEY,
  },
  emptyStringAsUndefined: true,
  onValidationError(issues) {
    const [issue] = issues;
    const name = issue?.path?.map((part) => (typeof part === 'object' ? part.key : part)).join('.');
    throw new Error(`Invalid environment: ${name ?? 'unknown variable'} ${issue?.message ?? ''}`);
  },
  // `next build` collects route configuration without a runtime environment; the server checks
  // it at start (instrumentation.ts).
  skipValidation: process.env.NEXT_PHASE === 'phase-production-build',
});

/** Clerk signs people in only when both of its keys are set (the api package refuses one alone). */
export const clerkEnabled = Boolean(env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
