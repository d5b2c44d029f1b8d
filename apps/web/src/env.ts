// The web app's environment, validated at start-up: a missing or malformed variable stops the
// app with one line that names it. Package environments compose into this one.
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

export const env = createEnv({
  server: {
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  // `next build` collects route configuration without a runtime environment; the server checks
  // it at start (instrumentation.ts).
  skipValidation: process.env.NEXT_PHASE === 'phase-production-build',
});
