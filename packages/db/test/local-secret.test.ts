import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { readLocalSecret } from '../src/local/secret';

it('creates a local secret once, readable only by its owner, and returns it again', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zatten-secret-'));
  const env = { ZATTEN_DATA_DIR: dir };
  const first = readLocalSecret('session', env);
  expect(first).toMatch(/^[0-9a-f]{64}$/);
  expect(readLocalSecret('session', env)).toBe(first);
  expect(statSync(path.join(dir, 'session.secret')).mode & 0o777).toBe(0o600);
  const other = mkdtempSync(path.join(os.tmpdir(), 'zatten-secret-'));
  expect(readLocalSecret('session', { ZATTEN_DATA_DIR: other })).not.toBe(first);
  expect(() => readLocalSecret('../escape', env)).toThrow(/invalid secret name/);
});
