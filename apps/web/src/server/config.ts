// The server's whole configuration: the app's environment (src/env.ts) composed with what each
// package validates for itself (api: auth and sessions, ai: OpenAI, db: the database). Read once;
// the first bad variable throws one line that names it.
import { type AiConfig, readAiEnv } from '@zatten/ai';
import { type ApiEnv, type AuthMode, authMode, readApiEnv } from '@zatten/api/server';
import { readDbEnv, readLocalSecret } from '@zatten/db';
import { env } from '~/env';

export interface ServerConfig {
  api: ApiEnv;
  ai: AiConfig;
  authMode: AuthMode;
  databaseUrl: string;
  /** Supabase Realtime settings for the browser (hosted mode); null means the local relay. */
  supabase: { url: string; anonKey: string } | null;
}

function supabaseSettings(): ServerConfig['supabase'] {
  const url = env.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (url && anonKey) return { url, anonKey };
  if (url || anonKey) {
    const missing = url ? 'NEXT_PUBLIC_SUPABASE_ANON_KEY' : 'NEXT_PUBLIC_SUPABASE_URL';
    throw new Error(
      `Invalid environment: ${missing} is required when the other Supabase variable is set`,
    );
  }
  return null;
}

/**
 * Outside production, local sign-in cookies are signed with a secret kept in the data directory,
 * so signing in survives a restart of `pnpm dev`; SESSION_SECRET overrides it.
 */
function apiSource(): Record<string, string | undefined> {
  // The one place the packages' own variables are handed over (they validate them themselves).
  const source: Record<string, string | undefined> = { ...process.env };
  if (!source.SESSION_SECRET && env.NODE_ENV !== 'production') {
    source.SESSION_SECRET = readLocalSecret('session');
  }
  return source;
}

function loadServerConfig(): ServerConfig {
  readDbEnv();
  const api = readApiEnv(apiSource());
  const supabase = supabaseSettings();
  const mode = authMode(api);
  if (supabase && mode !== 'clerk') {
    // Supabase authorizes the private Realtime channel with the Clerk session token.
    throw new Error(
      'Invalid environment: NEXT_PUBLIC_SUPABASE_URL needs Clerk (CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY): Realtime authorizes the Clerk session token',
    );
  }
  return {
    api,
    ai: readAiEnv(),
    authMode: mode,
    databaseUrl: env.DATABASE_URL,
    supabase,
  };
}

const holder = globalThis as typeof globalThis & { __zattenConfig?: ServerConfig };

export function getServerConfig(): ServerConfig {
  holder.__zattenConfig ??= loadServerConfig();
  return holder.__zattenConfig;
}

/** One line for the start-up log: which mode each concern runs in. */
export function describeModes(config: ServerConfig): string {
  return [
    `auth: ${config.authMode}`,
    `ai: ${config.ai.apiKey ? 'configured' : 'not configured'}`,
    `realtime: ${config.supabase ? 'supabase' : 'local'}`,
  ].join(', ');
}
