// The page policy: nonce-only scripts, third-party origins only when the installation uses them.
import { describe, expect, it } from 'vitest';
import { clerkFrontendApiOrigin, contentSecurityPolicy, createNonce } from './csp';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? [];

describe('contentSecurityPolicy', () => {
  it('runs scripts by nonce only, and cannot be framed', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc123' });
    expect(directive(policy, 'script-src')).toEqual([
      "'self'",
      "'nonce-abc123'",
      "'strict-dynamic'",
    ]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/clerk|supabase|unsafe-eval/);
  });

  it('allows Clerk and Supabase only when configured', () => {
    const clerk = clerkFrontendApiOrigin(`pk_test_${btoa('clerk.example.com$')}`);
    expect(clerk).toBe('https://clerk.example.com');
    const policy = contentSecurityPolicy({
      nonce: 'n',
      clerkFrontendApi: clerk,
      supabaseUrl: 'https://abc.supabase.co',
    });
    expect(directive(policy, 'script-src')).toContain('https://clerk.example.com');
    expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'");
    expect(directive(policy, 'connect-src')).toEqual(
      expect.arrayContaining([
        'https://clerk.example.com',
        'https://abc.supabase.co',
        'wss://abc.supabase.co',
      ]),
    );
  });

  it('makes a different nonce every time', () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
