// Authentication: Clerk session tokens checked by the real @clerk/backend (networkless, against a
// locally generated key), local sign-in cookies, and API keys, through the HTTP handler.
import { describe, expect, it } from 'vitest';
import { handleLocalSignIn } from '../src/auth/local-routes';
import { readApiEnv } from '../src/env';
import { handleTRPCRequest } from '../src/server';
import { createApiServices } from '../src/services';
import { APP_URL, useApi } from './helpers';

const api = useApi({ env: { LOCAL_SIGN_IN: '1' } });

interface TrpcBody {
  result: { data: Record<string, unknown> };
  error: { message: string; data: { code: string } };
}

async function me(headers: Record<string, string>) {
  const response = await handleTRPCRequest(new Request(`${APP_URL}/api/trpc/me.get`, { headers }), {
    services: api.services,
    endpoint: '/api/trpc',
  });
  return { status: response.status, body: (await response.json()) as TrpcBody };
}

describe('Clerk session tokens', () => {
  it('accepts a valid token and provisions the user on first use', async () => {
    const token = await api.clerk.sign({
      sub: 'user_clerk1',
      email: 'Clerk1@Example.com',
      name: 'Ana',
    });
    const { status, body } = await me({ authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.result.data).toMatchObject({
      id: 'user_clerk1',
      email: 'Clerk1@Example.com',
      name: 'Ana',
      via: 'clerk',
      isAdmin: false,
    });
  });

  it.each([
    ['expired', { expiresIn: Math.floor(Date.now() / 1000) - 120 }, {}],
    ['not yet valid', { notBefore: Math.floor(Date.now() / 1000) + 3600 }, {}],
    ['for another origin (azp)', {}, { azp: 'https://evil.example' }],
  ])('refuses a token that is %s', async (_label, options, claims) => {
    const token = await api.clerk.sign(
      { sub: 'user_x', email: 'x@example.com', ...claims },
      options,
    );
    const { status, body } = await me({ authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('refuses a token signed by another key', async () => {
    const { createClerkKeys } = await import('./helpers');
    const other = await createClerkKeys();
    const token = await other.sign({ sub: 'user_x', email: 'x@example.com' });
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('refuses a token whose issuer is not a Clerk instance', async () => {
    const token = await api.clerk.sign({
      sub: 'user_x',
      email: 'x@example.com',
      iss: 'https://attacker.example',
    });
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('says a session expired in words a person understands', async () => {
    const token = await api.clerk.sign(
      { sub: 'user_x', email: 'x@example.com' },
      { expiresIn: Math.floor(Date.now() / 1000) - 120 },
    );
    const { body } = await me({ authorization: `Bearer ${token}` });
    expect(body.error.message).toMatch(/session has expired/i);
  });

  it('makes admins of ADMIN_EMAILS and of the Clerk metadata role', async () => {
    const byEmail = await api.clerk.sign({ sub: 'user_admin', email: 'ADMIN@example.com' });
    expect((await me({ authorization: `Bearer ${byEmail}` })).body.result.data.isAdmin).toBe(true);
    const byRole = await api.clerk.sign({
      sub: 'user_role',
      email: 'role@example.com',
      metadata: { role: 'admin' },
    });
    expect((await me({ authorization: `Bearer ${byRole}` })).body.result.data.isAdmin).toBe(true);
  });
});

describe('local sign-in', () => {
  it('signs in with a name and an email and keeps the person in a signed cookie', async () => {
    const response = await handleLocalSignIn(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bia', email: 'Bia@Example.com' }),
      }),
      api.services,
    );
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const session = cookie.split(';')[0] ?? '';
    const { status, body } = await me({ cookie: session });
    expect(status).toBe(200);
    expect(body.result.data).toMatchObject({ email: 'bia@example.com', name: 'Bia', via: 'local' });
    // A tampered cookie is nobody.
    expect((await me({ cookie: `${session.slice(0, -2)}xx` })).status).toBe(401);
  });

  it('rejects a missing email with the field named', async () => {
    const response = await handleLocalSignIn(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bia', email: 'nope' }),
      }),
      api.services,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: 'email' }] });
  });

  it('is refused in production', async () => {
    expect(() => readApiEnv({ NODE_ENV: 'production' })).toThrow(
      /CLERK_SECRET_KEY.*local sign-in is refused/,
    );
    const production = createApiServices({
      env: readApiEnv({
        NODE_ENV: 'production',
        CLERK_SECRET_KEY: 'sk_test_x',
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x',
      }),
      database: api.database,
    });
    try {
      const response = await handleLocalSignIn(
        new Request(`${APP_URL}/api/auth/local`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Eve', email: 'eve@example.com' }),
        }),
        production,
      );
      expect(response.status).toBe(403);
    } finally {
      await production.close();
    }
  });

  it('no longer honours a session cookie once LOCAL_SIGN_IN is turned off', async () => {
    const signIn = await handleLocalSignIn(
      new Request(`${APP_URL}/api/auth/local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Caio', email: 'caio@example.com' }),
      }),
      api.services,
    );
    const session = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await me({ cookie: session })).status).toBe(200);
    // The same server restarted with local sign-in off (same secret, so the cookie still verifies).
    const off = createApiServices({
      env: readApiEnv({
        NODE_ENV: 'test',
        APP_URL,
        SESSION_SECRET: api.services.sessionSecret,
        LOCAL_SIGN_IN: '0',
      }),
      database: api.database,
    });
    try {
      const response = await handleTRPCRequest(
        new Request(`${APP_URL}/api/trpc/me.get`, { headers: { cookie: session } }),
        { services: off, endpoint: '/api/trpc' },
      );
      expect(response.status).toBe(401);
    } finally {
      await off.close();
    }
  });

  it('names the missing Clerk key when only one is set', () => {
    expect(() => readApiEnv({ CLERK_SECRET_KEY: 'sk_test_x' })).toThrow(
      /NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY/,
    );
  });
});
