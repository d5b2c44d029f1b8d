// Cross-site request forgery: state-changing routes that a browser cookie authenticates (tRPC
// mutations, API-key admin, local sign-in and sign-out) refuse requests a page on another site
// can make without a preflight, and requests whose Origin / Sec-Fetch-Site name another site.
// Bearer-token calls from other systems stay allowed. Also: local sign-in is an explicit opt-in,
// and its cookie is Secure over https.
import { listChats, withService } from '@zatten/db';
import { describe, expect, it } from 'vitest';
import { handleLocalSignIn, handleLocalSignOut } from '../src/auth/local-routes';
import { localUserId } from '../src/auth/local-session';
import { clerkAuthorizedParties, localSignInAllowed, readApiEnv } from '../src/env';
import { handleTRPCRequest } from '../src/server';
import { createApiServices } from '../src/services';
import { APP_URL, useApi } from './helpers';

const api = useApi({ env: { LOCAL_SIGN_IN: '1' } });
const EVIL = 'https://evil.example';
// A sibling origin on the same site: Sec-Fetch-Site says same-site, not same-origin.
const SIBLING = 'http://other.localhost:3000';

async function signIn(email: string, headers: Record<string, string> = {}) {
  return handleLocalSignIn(
    new Request(`${APP_URL}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP_URL, ...headers },
      body: JSON.stringify({ name: 'Ana', email }),
    }),
    api.services,
  );
}

async function sessionCookie(email: string): Promise<string> {
  const response = await signIn(email);
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function trpc(path: string, init: RequestInit) {
  return handleTRPCRequest(new Request(`${APP_URL}/api/trpc/${path}`, init), {
    services: api.services,
    endpoint: '/api/trpc',
  });
}

const chatCount = async (userId: string) =>
  (await withService(api.database, (tx) => listChats(tx, userId, { limit: 100 }))).items.length;

/** The bodies a cross-site HTML form (or a no-cors fetch) can send without a preflight. */
function simpleBodies(): Array<[string, () => { body: RequestInit['body']; type?: string }]> {
  const json = JSON.stringify({ title: 'Forged' });
  return [
    ['text/plain', () => ({ body: json, type: 'text/plain;charset=UTF-8' })],
    [
      'form-urlencoded',
      () => ({ body: new URLSearchParams({ title: 'Forged' }), type: undefined }),
    ],
    [
      'multipart',
      () => {
        const form = new FormData();
        form.set('title', 'Forged');
        return { body: form, type: undefined };
      },
    ],
  ];
}

describe('tRPC mutations with a cookie', () => {
  it.each(simpleBodies())('refuse a %s post from another origin', async (_label, make) => {
    const cookie = await sessionCookie('victim@example.com');
    const userId = localUserId('victim@example.com');
    const before = await chatCount(userId);
    const { body, type } = make();
    const response = await trpc('chat.create', {
      method: 'POST',
      headers: {
        cookie,
        origin: EVIL,
        'sec-fetch-site': 'cross-site',
        ...(type ? { 'content-type': type } : {}),
      },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await chatCount(userId)).toBe(before);
  });

  it.each(simpleBodies())('refuse a %s post from a sibling origin', async (_label, make) => {
    const cookie = await sessionCookie('victim@example.com');
    const userId = localUserId('victim@example.com');
    const before = await chatCount(userId);
    const { body, type } = make();
    const response = await trpc('chat.create', {
      method: 'POST',
      headers: {
        cookie,
        origin: SIBLING,
        'sec-fetch-site': 'same-site',
        ...(type ? { 'content-type': type } : {}),
      },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await chatCount(userId)).toBe(before);
  });

  it('refuse JSON from another origin (a preflight would fail anyway; Origin says so)', async () => {
    const cookie = await sessionCookie('victim@example.com');
    const response = await trpc('chat.create', {
      method: 'POST',
      headers: { cookie, origin: EVIL, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Forged' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      type: 'urn:zatten:problem:cross-site-request',
    });
  });

  it('accept JSON from this app', async () => {
    const cookie = await sessionCookie('victim@example.com');
    const userId = localUserId('victim@example.com');
    const before = await chatCount(userId);
    const response = await trpc('chat.create', {
      method: 'POST',
      headers: {
        cookie,
        origin: APP_URL,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title: 'Mine' }),
    });
    expect(response.status).toBe(200);
    expect(await chatCount(userId)).toBe(before + 1);
  });

  it('refuse an API-key admin mutation from another origin', async () => {
    const cookie = await sessionCookie('admin@example.com');
    const response = await trpc('apiKey.create', {
      method: 'POST',
      headers: { cookie, origin: EVIL, 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'Forged key' }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const same = await trpc('apiKey.create', {
      method: 'POST',
      headers: { cookie, origin: APP_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Real key' }),
    });
    expect(same.status).toBe(200);
  });
});

describe('Bearer calls from other systems', () => {
  it('stay allowed whatever their Origin', async () => {
    const token = await api.clerk.sign({ sub: 'user_bearer', email: 'bearer@example.com' });
    const response = await trpc('chat.create', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        origin: EVIL,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title: 'From another system' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('local sign-in and sign-out', () => {
  it.each(simpleBodies())('refuse a cross-site %s sign-in', async (_label, make) => {
    const { body, type } = make();
    const response = await handleLocalSignIn(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'POST',
        headers: { origin: EVIL, ...(type ? { 'content-type': type } : {}) },
        body:
          type === 'text/plain;charset=UTF-8'
            ? JSON.stringify({ name: 'Mallory', email: 'mallory@example.com' })
            : body,
      }),
      api.services,
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuse a JSON sign-in whose Sec-Fetch-Site is another site', async () => {
    const response = await signIn('mallory@example.com', {
      origin: EVIL,
      'sec-fetch-site': 'cross-site',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuse a cross-site sign-out', async () => {
    const cookie = await sessionCookie('victim@example.com');
    const response = handleLocalSignOut(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'DELETE',
        headers: { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' },
      }),
      api.services,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    const own = handleLocalSignOut(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'DELETE',
        headers: { cookie, origin: APP_URL, 'sec-fetch-site': 'same-origin' },
      }),
      api.services,
    );
    expect(own.status).toBe(204);
    expect(own.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('set a Secure cookie when served over https, and not over http', async () => {
    const https = await handleLocalSignIn(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: APP_URL,
          'x-forwarded-proto': 'https',
        },
        body: JSON.stringify({ name: 'Ana', email: 'ana@example.com' }),
      }),
      api.services,
    );
    expect(https.status).toBe(200);
    expect(https.headers.get('set-cookie')).toMatch(/;\s*Secure/);
    const http = await signIn('ana@example.com');
    expect(http.headers.get('set-cookie')).not.toMatch(/Secure/);
  });
});

describe('local sign-in is an explicit opt-in', () => {
  it('is refused outside development without LOCAL_SIGN_IN=1 (e.g. NODE_ENV=test next start)', async () => {
    const env = readApiEnv({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) });
    expect(localSignInAllowed(env)).toBe(false);
    const services = createApiServices({ env, database: api.database });
    try {
      const response = await handleLocalSignIn(
        new Request(`${APP_URL}/api/auth/local`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: APP_URL },
          body: JSON.stringify({ name: 'Eve', email: 'eve@example.com' }),
        }),
        services,
      );
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
    } finally {
      await services.close();
    }
  });

  it('is on by default in development (pnpm dev) and can be turned off', () => {
    expect(localSignInAllowed(readApiEnv({ NODE_ENV: 'development' }))).toBe(true);
    expect(localSignInAllowed(readApiEnv({ NODE_ENV: 'development', LOCAL_SIGN_IN: '0' }))).toBe(
      false,
    );
    expect(localSignInAllowed(readApiEnv({ NODE_ENV: 'test', LOCAL_SIGN_IN: '1' }))).toBe(true);
  });

  it('cannot be turned on in production', () => {
    expect(() =>
      readApiEnv({
        NODE_ENV: 'production',
        LOCAL_SIGN_IN: '1',
        CLERK_SECRET_KEY: 'sk_test_x',
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x',
      }),
    ).toThrow(/LOCAL_SIGN_IN/);
  });
});

describe('Clerk authorized parties', () => {
  it('are the origins of CLERK_AUTHORIZED_PARTIES, else of APP_URL', () => {
    expect(clerkAuthorizedParties(readApiEnv({ APP_URL: 'https://chat.example.com/' }))).toEqual([
      'https://chat.example.com',
    ]);
    expect(
      clerkAuthorizedParties(
        readApiEnv({
          APP_URL: 'https://chat.example.com',
          CLERK_AUTHORIZED_PARTIES: 'https://a.example, https://b.example/app',
        }),
      ),
    ).toEqual(['https://a.example', 'https://b.example']);
  });
});
