// The local session cookie: verified once per process until it expires (a send and its stream
// carry the same cookie; each verification is an HMAC through WebCrypto), never past its expiry,
// and never for a token or secret that does not verify.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalSession, verifyLocalSession } from '../src/auth/local-session';

const SECRET = 'a-local-session-secret-of-at-least-32-chars';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('verifyLocalSession', () => {
  it('verifies a token once, then answers from memory with the same person', async () => {
    const { token, userId } = await createLocalSession(SECRET, {
      name: 'Ana',
      email: 'ana-cache@example.com',
    });
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    const first = await verifyLocalSession(SECRET, token);
    const second = await verifyLocalSession(SECRET, token);
    expect(first).toMatchObject({ kind: 'user', userId, profile: { name: 'Ana' } });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('refuses a remembered token once it has expired', async () => {
    const { token } = await createLocalSession(SECRET, { name: 'Bo', email: 'bo@example.com' });
    expect(await verifyLocalSession(SECRET, token)).not.toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 400 * 86_400_000);
    expect(await verifyLocalSession(SECRET, token)).toBeNull();
  });

  it('remembers nothing for another secret or a tampered token', async () => {
    const { token } = await createLocalSession(SECRET, { name: 'Cy', email: 'cy@example.com' });
    expect(await verifyLocalSession(SECRET, token)).not.toBeNull();
    expect(await verifyLocalSession(`${SECRET}-other`, token)).toBeNull();
    expect(await verifyLocalSession(SECRET, `${token.slice(0, -2)}xx`)).toBeNull();
  });
});
