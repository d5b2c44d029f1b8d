// The Content-Security-Policy every page is served with. Scripts run only with the request's
// nonce (Next.js puts it on its own scripts when the policy is on the request; 'strict-dynamic'
// lets those load the chunks they import), so an injected <script> or inline handler never runs.
// Clerk's and Supabase's origins are allowed only when the installation uses them.

export interface PolicyOptions {
  nonce: string;
  /** Clerk's Frontend API origin (from the publishable key), when Clerk is configured. */
  clerkFrontendApi?: string | null;
  /** The Supabase project URL, when the browser joins Supabase Realtime. */
  supabaseUrl?: string | null;
  /** `next dev` evaluates code for Fast Refresh and React's debugging aids. */
  development?: boolean;
}

/** Clerk's Frontend API origin, encoded in the publishable key as `pk_<env>_<base64(host$)>`. */
export function clerkFrontendApiOrigin(publishableKey: string | undefined): string | null {
  const encoded = publishableKey?.split('_')[2];
  if (!encoded) return null;
  const host = atob(encoded).replace(/\$$/, '');
  return /^[a-z0-9.-]+(:\d+)?$/i.test(host) ? `https://${host}` : null;
}

function websocketOrigin(url: string): string {
  const parsed = new URL(url);
  parsed.protocol = parsed.protocol === 'http:' ? 'ws:' : 'wss:';
  return parsed.origin;
}

export function contentSecurityPolicy(options: PolicyOptions): string {
  const clerk = options.clerkFrontendApi ?? null;
  const supabase = options.supabaseUrl ? new URL(options.supabaseUrl).origin : null;
  const directives: Record<string, Array<string | null | false | undefined>> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      options.development && "'unsafe-eval'",
      // Clerk's script and its bot protection (ignored by browsers that honour strict-dynamic).
      clerk,
      clerk && 'https://challenges.cloudflare.com',
    ],
    // Inline style attributes are how the UI kit positions popovers; styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Supabase: attachments' thumbnails come from Storage's signed URLs.
    'img-src': ["'self'", 'data:', 'blob:', clerk && 'https://img.clerk.com', supabase],
    'font-src': ["'self'", 'data:'],
    'connect-src': [
      "'self'",
      clerk,
      supabase,
      options.supabaseUrl ? websocketOrigin(options.supabaseUrl) : null,
      options.development && 'ws:',
    ],
    'frame-src': [clerk ? 'https://challenges.cloudflare.com' : "'none'"],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values.filter(Boolean)].join(' '))
    .join('; ');
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
