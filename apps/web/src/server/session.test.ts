// The page session in local mode: the local sign-in cookie counts only while local sign-in is
// allowed (LOCAL_SIGN_IN), as in the api's own context; turning it off signs everybody out.
import { readApiEnv } from '@zatten/api/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  localSignIn: '1',
  cookie: 'a-valid-local-session' as string | null,
}));

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) =>
      name === 'zatten_session' && state.cookie ? { name, value: state.cookie } : undefined,
  }),
}));
vi.mock('./config', () => ({ getServerConfig: () => ({ authMode: 'local' }) }));
vi.mock('./api', () => ({
  getApiServices: () => ({
    env: readApiEnv({
      NODE_ENV: 'development',
      SESSION_SECRET: 'x'.repeat(32),
      LOCAL_SIGN_IN: state.localSignIn,
    }),
    sessionSecret: 'x'.repeat(32),
  }),
}));
// The cookie's signature is the api's business (tested there); here it always verifies.
vi.mock('@zatten/api/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@zatten/api/server')>()),
  verifyLocalSession: async () => ({
    kind: 'user',
    userId: 'local_1',
    via: 'local',
    profile: { email: 'ana@example.com', name: 'Ana', imageUrl: null },
    role: null,
  }),
}));

const { getPageSession } = await import('./session');

describe('getPageSession in local mode', () => {
  beforeEach(() => {
    state.cookie = 'a-valid-local-session';
  });

  it('signs in with the cookie while local sign-in is on', async () => {
    state.localSignIn = '1';
    expect((await getPageSession()).status).toBe('signed-in');
  });

  it('ignores the cookie once LOCAL_SIGN_IN is turned off', async () => {
    state.localSignIn = '0';
    expect(await getPageSession()).toEqual({ status: 'signed-out' });
  });
});
