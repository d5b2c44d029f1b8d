// The headers next.config.ts sends with every response: Permissions-Policy always, and HSTS
// only in production (a development server on http must not pin localhost to https).
import { afterEach, describe, expect, it, vi } from 'vitest';

async function headersFor(nodeEnv: string): Promise<Record<string, string>> {
  vi.resetModules();
  vi.stubEnv('NODE_ENV', nodeEnv);
  const { default: config } = await import('../../../next.config');
  const rules = (await config.headers?.()) ?? [];
  const all = rules.find((rule) => rule.source === '/:path*')?.headers ?? [];
  return Object.fromEntries(all.map(({ key, value }) => [key.toLowerCase(), value]));
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('static security headers', () => {
  it('sends HSTS in production', async () => {
    const headers = await headersFor('production');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d{8,}/);
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('sends no HSTS in development', async () => {
    const headers = await headersFor('development');
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['permissions-policy']).toContain('microphone=()');
  });
});
