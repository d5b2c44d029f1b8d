// The client bundle scan finds what it is for and nothing else.
import { describe, expect, it } from 'vitest';
import { findLeaks, secretValues } from './bundle-scan';

const secrets = secretValues({
  SESSION_SECRET: 'canary-session-secret-0123456789',
  OPENAI_API_KEY: 'sk-canary-openai-key',
  NEXT_PUBLIC_SUPABASE_ANON_KEY: 'public-anon-key-is-fine',
  OPENAI_ORG_ID: 'short',
});

describe('client bundle scan', () => {
  it('takes only server variables long enough to mean something', () => {
    expect([...secrets.keys()].sort()).toEqual(['OPENAI_API_KEY', 'SESSION_SECRET']);
  });

  it('finds a server value and names it', () => {
    const leaks = findLeaks(
      [{ path: 'chunks/a.js', text: 'var k="sk-canary-openai-key";fetch(u,{headers:{k}})' }],
      secrets,
    );
    expect(leaks).toEqual([{ file: 'chunks/a.js', what: 'value of OPENAI_API_KEY' }]);
  });

  it.each([
    ['the database scope', "e.sql`select set_config('request.jwt.claims', c, true)`", '@zatten/db'],
    [
      'the pg driver by path',
      '"/ROOT/node_modules/.pnpm/pg@8.23.1/node_modules/pg/lib/client.js"',
      'pg',
    ],
    ['the OpenAI SDK', 'h["X-Stainless-Lang"]="js"', 'openai'],
  ])('finds %s', (_label, text, name) => {
    expect(findLeaks([{ path: 'chunks/b.js', text }], secrets)).toContainEqual({
      file: 'chunks/b.js',
      what: `server package ${name}`,
    });
  });

  it('passes ordinary client code and public values', () => {
    const text =
      'createClient("https://x.supabase.co","public-anon-key-is-fine");fetch("/api/trpc/chat.list")';
    expect(findLeaks([{ path: 'chunks/c.js', text }], secrets)).toEqual([]);
  });
});
