// The verified-key cache: an entry lives `ttlMs` from its verification, so a key revoked in
// another process stops working within that time even while it is used without a pause.
import type { ApiKeySummary } from '@zatten/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiKeyCache } from '../src/auth/api-key-cache';

const key = 'zk_abcdefgh_secret';
const summary = {
  id: '00000000-0000-4000-8000-000000000001',
  scopes: ['chats:create'],
} as unknown as ApiKeySummary;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the verified-key cache', () => {
  it('forgets a key ttlMs after its verification, however often it is used meanwhile', () => {
    const cache = createApiKeyCache({ ttlMs: 10_000 });
    cache.set(key, summary); // verified
    for (let second = 1; second < 10; second++) {
      vi.setSystemTime(Date.UTC(2026, 11, 1, 0, 0, second));
      // What resolveActor does on every call: a hit is set again.
      const hit = cache.get(key);
      expect(hit).toBe(summary);
      cache.set(key, hit as ApiKeySummary);
    }
    vi.setSystemTime(Date.UTC(2026, 11, 1, 0, 0, 10));
    expect(cache.get(key)).toBeUndefined();
  });

  it('starts a new lifetime when the key is verified again after it expired', () => {
    const cache = createApiKeyCache({ ttlMs: 10_000 });
    cache.set(key, summary);
    vi.setSystemTime(Date.UTC(2026, 11, 1, 0, 0, 11));
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, summary); // verified again
    vi.setSystemTime(Date.UTC(2026, 11, 1, 0, 0, 20));
    expect(cache.get(key)).toBe(summary);
  });

  it('forgets a revoked key at once', () => {
    const cache = createApiKeyCache();
    cache.set(key, summary);
    cache.forget(summary.id);
    expect(cache.get(key)).toBeUndefined();
  });
});
