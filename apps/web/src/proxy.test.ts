// The Clerk proxy checks a cookie session token's `azp` against the same authorized parties as
// Bearer tokens (CLERK_AUTHORIZED_PARTIES, else APP_URL): a session token minted for another
// origin is a signed-out visitor. Networkless: Clerk verifies with CLERK_JWT_KEY, a key made here.
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';

const APP_URL = 'https://chat.zatten.test';
const FRONTEND_API = 'clerk.zatten.test';
let sign: (claims: Record<string, unknown>) => Promise<string>;
let proxy: typeof import('./proxy').default;
let proxyConfig: typeof import('./proxy').config;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  Object.assign(process.env, {
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    APP_URL,
    CLERK_SECRET_KEY: 'sk_live_proxytestsecretkey',
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${btoa(`${FRONTEND_API}$`)}`,
    CLERK_JWT_KEY: await exportSPKI(publicKey),
  });
  sign = (claims) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: `https://${FRONTEND_API}`, sid: 'sess_1', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'ins_1' })
      .setSubject('user_1')
      .setIssuedAt(now - 5)
      .setNotBefore(now - 5)
      .setExpirationTime(now + 60)
      .sign(privateKey);
  };
  ({ default: proxy, config: proxyConfig } = await import('./proxy'));
});

async function authState(azp: string): Promise<{ status: string | null; reason: string | null }> {
  const token = await sign({ azp });
  const now = Math.floor(Date.now() / 1000) - 10;
  const request = new NextRequest(`${APP_URL}/api/trpc/me.get`, {
    headers: { cookie: `__session=${token}; __client_uat=${now}` },
  });
  const response = await proxy(request, { waitUntil() {} } as never);
  const headers = response?.headers ?? new Headers();
  // Clerk reports its verdict on the response, or as request headers for the page (signed in).
  const read = (name: string) =>
    headers.get(`x-clerk-auth-${name}`) || headers.get(`x-middleware-request-x-clerk-auth-${name}`);
  return { status: read('status'), reason: read('reason') };
}

describe('proxy: Clerk cookie sessions', () => {
  it('accepts a session token whose azp is the app', async () => {
    expect((await authState(APP_URL)).status).toBe('signed-in');
  });

  it('treats a session token minted for another origin as signed out', async () => {
    expect(await authState('https://evil.example')).toEqual({
      status: 'signed-out',
      reason: 'token-invalid-authorized-parties',
    });
  });
});

describe('proxy: where it runs', () => {
  const runs = (url: string) =>
    unstable_doesMiddlewareMatch({ config: proxyConfig, url: `${APP_URL}${url}` });

  it('runs for pages, tRPC and the app routes, and skips the REST API and static files', () => {
    for (const url of ['/', '/c/abc', '/s/abc', '/api/trpc/chat.list', '/api/auth/local']) {
      expect(runs(url), url).toBe(true);
    }
    for (const url of [
      '/api/v1/chats',
      '/api/v1/chats/abc',
      '/api/v1/openapi.json',
      '/_next/static/chunks/app.js',
      '/logo.svg',
    ]) {
      expect(runs(url), url).toBe(false);
    }
  });
});
