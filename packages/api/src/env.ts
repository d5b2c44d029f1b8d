// The settings the api package needs (authentication, admins, sessions): its piece of the one
// configuration (@zatten/config). The web app composes it with the other packages' pieces;
// nothing else here reads process.env.
import { envPiece, type PieceOptions, type RuntimeEnv } from '@zatten/config';
import { z } from 'zod';

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

export const apiEnvShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  CLERK_SECRET_KEY: z.string().startsWith('sk_', 'must start with sk_').optional(),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string().startsWith('pk_', 'must start with pk_').optional(),
  CLERK_JWT_KEY: z
    .string()
    .includes('BEGIN PUBLIC KEY', {
      message: 'must be the PEM public key from the Clerk dashboard',
    })
    .optional(),
  /** The Clerk Frontend API URL tokens are issued by; derived from the publishable key if unset. */
  CLERK_ISSUER: z.url().optional(),
  CLERK_AUTHORIZED_PARTIES: commaList.pipe(z.array(z.url())),
  CLERK_WEBHOOK_SIGNING_SECRET: z
    .string()
    .startsWith('whsec_', 'must start with whsec_')
    .optional(),
  ADMIN_EMAILS: commaList.pipe(z.array(z.email())),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Local sign-in (a name and an email, no password) is an explicit opt-in: `1` allows it
   * outside production, `0` refuses it. Unset, it follows NODE_ENV: on in development (so
   * `pnpm dev` works with no configuration), off otherwise (e.g. `NODE_ENV=test next start`).
   */
  LOCAL_SIGN_IN: z.enum(['0', '1'], { error: 'must be 1 or 0' }).optional(),
  APP_URL: z.url().default('http://localhost:3000'),
  // Bounds on what one caller can make the server do (README: "Limits").
  /** Calls in one batched tRPC request. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Bytes of one tRPC request body; larger ones get 413. */
  TRPC_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Writes (tRPC mutations) per person per minute. */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Messages sent (send, retry, regenerate) per person per minute. */
  RATE_LIMIT_SENDS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Issue 17: searches (chat.search) per person per minute. */
  RATE_LIMIT_SEARCHES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** REST and service calls per API key per minute. */
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Replies one person may have in flight at once (across chats). */
  MAX_ACTIVE_REPLIES_PER_USER: z.coerce.number().int().min(1).default(3),
  /** Live-update streams (events.user, message.stream) one person may hold open per process. */
  MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).default(20),
  /** Live-update streams this server process holds open in all (everyone's together). */
  MAX_STREAMS_PER_PROCESS: z.coerce.number().int().min(1).default(2000),
  /** How long a Clerk webhook delivery id is remembered (replays inside it are ignored). */
  WEBHOOK_DELIVERY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 24),
  /** How often expired idempotency keys and old webhook deliveries are purged. */
  HOUSEKEEPING_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(3600),
  // issue 16: files in chats (README "Files in chats").
  /** Where attachments are stored: `disk` (under ZATTEN_DATA_DIR) or `supabase` (Storage). */
  STORAGE_DRIVER: z
    .enum(['disk', 'supabase'], { error: 'must be disk or supabase' })
    .default('disk'),
  /** The private Supabase Storage bucket (the migration creates `attachments`). */
  STORAGE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a bucket id')
    .default('attachments'),
  /** The service role key the server uses for Supabase Storage (never sent to browsers). */
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20, 'must be the service role key').optional(),
  /** Signs the disk store's upload and download URLs (≥ 32 characters; default SESSION_SECRET). */
  STORAGE_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Bytes one attached file may have (the database refuses more than 100 MiB whatever this says). */
  ATTACHMENT_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024, 'must be at most 104857600 (100 MiB)')
    .default(10 * 1024 * 1024),
  /** Files one message may carry. */
  ATTACHMENT_MAX_FILES_PER_MESSAGE: z.coerce.number().int().min(1).max(20).default(5),
  /** Bytes of files one person may keep in total. */
  ATTACHMENT_QUOTA_BYTES_PER_USER: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  /** Uploads never sent with a message are deleted after this many hours (housekeeping sweep). */
  ATTACHMENT_UNSENT_HOURS: z.coerce.number().int().min(1).default(24),
  /** Upload requests per person per minute. */
  RATE_LIMIT_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
};

function clerkRules<T extends z.ZodObject<typeof apiEnvShape>>(schema: T) {
  return schema.superRefine((env, ctx) => {
    const clerkKeys = [env.CLERK_SECRET_KEY, env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY].filter(Boolean);
    if (clerkKeys.length === 1) {
      ctx.addIssue({
        code: 'custom',
        path: [env.CLERK_SECRET_KEY ? 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY' : 'CLERK_SECRET_KEY'],
        message: 'Clerk needs both CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
      });
    }
    if (env.NODE_ENV === 'production' && env.LOCAL_SIGN_IN === '1') {
      ctx.addIssue({
        code: 'custom',
        path: ['LOCAL_SIGN_IN'],
        message: 'cannot be 1 in production: local sign-in is refused there',
      });
    }
    if (env.NODE_ENV === 'production' && clerkKeys.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['CLERK_SECRET_KEY'],
        message: 'is required in production: local sign-in is refused there',
      });
    }
  });
}

export type ApiEnv = z.output<z.ZodObject<typeof apiEnvShape>>;
export type AuthMode = 'clerk' | 'local';

export function authMode(env: ApiEnv): AuthMode {
  return env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ? 'clerk' : 'local';
}

/**
 * Origins a Clerk session token's `azp` may name: CLERK_AUTHORIZED_PARTIES, else APP_URL. The
 * Bearer path and the web app's clerkMiddleware (cookie sessions) both use this one list.
 */
export function clerkAuthorizedParties(env: ApiEnv): string[] {
  const parties = env.CLERK_AUTHORIZED_PARTIES.length
    ? env.CLERK_AUTHORIZED_PARTIES
    : [env.APP_URL];
  // `azp` is an origin; a configured URL with a path or trailing slash means its origin.
  return parties.map((party) => new URL(party).origin);
}

/** Whether local sign-in may be used: never in production, and only when opted in (see above). */
export function localSignInAllowed(env: ApiEnv): boolean {
  if (env.NODE_ENV === 'production') return false;
  return (env.LOCAL_SIGN_IN ?? (env.NODE_ENV === 'development' ? '1' : '0')) === '1';
}

/** Validates the api settings; throws one EnvError naming each bad variable. */
export function readApiEnv(
  source?: RuntimeEnv,
  options: Omit<PieceOptions, 'source'> = {},
): ApiEnv {
  return envPiece(apiEnvShape, { ...options, source, refine: clerkRules });
}
