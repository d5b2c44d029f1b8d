// Verified API keys, remembered for a few seconds per process. A REST call used to open a
// transaction just to look its key up (BEGIN, a select, COMMIT) before doing any work; a system
// that calls in bursts now pays that once per key every `ttlMs`. Only successes are kept (a wrong
// key is checked every time), entries are keyed by the key's SHA-256 (no secret stays in memory),
// and a revoke in this process forgets the key at once; in another process it takes effect
// within `ttlMs`: an entry lives `ttlMs` from its verification, however often it is used (a `set`
// while it lives keeps it as it is, so a key in constant use is still checked again).
import { createHash } from 'node:crypto';
import type { ApiKeySummary } from '@zatten/db';

export interface ApiKeyCache {
  get(presented: string): ApiKeySummary | undefined;
  set(presented: string, apiKey: ApiKeySummary): void;
  /** Forgets every cached use of the key with this id (after a revoke). */
  forget(apiKeyId: string): void;
}

export function createApiKeyCache(options: { ttlMs?: number; max?: number } = {}): ApiKeyCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const max = options.max ?? 1000;
  const entries = new Map<string, { apiKey: ApiKeySummary; until: number }>();
  const digest = (presented: string) => createHash('sha256').update(presented).digest('hex');
  return {
    get(presented) {
      const key = digest(presented);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= Date.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.apiKey;
    },
    set(presented, apiKey) {
      const key = digest(presented);
      const now = Date.now();
      // Callers set what they just got from `get` as well as what they just verified: only the
      // latter may start a new lifetime (it is the only one checked against the database).
      const live = entries.get(key);
      if (live && live.until > now && live.apiKey.id === apiKey.id) return;
      // Oldest first: a Map iterates in insertion order.
      if (entries.size >= max) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, { apiKey, until: now + ttlMs });
    },
    forget(apiKeyId) {
      for (const [key, entry] of entries) if (entry.apiKey.id === apiKeyId) entries.delete(key);
    },
  };
}
