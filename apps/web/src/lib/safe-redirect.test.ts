// The post-sign-in redirect stays on the app's origin whatever the spelling of `next`.
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

const ORIGIN = 'https://chat.example.com';

/** Where a browser on ORIGIN would land if it followed `path` as a relative URL. */
const landing = (path: string) => new URL(path, ORIGIN).origin;

describe('safeRedirectPath', () => {
  it.each([
    ['/c/123', '/c/123'],
    ['/c/123?tab=1#m-9', '/c/123?tab=1#m-9'],
    ['/sign-in/factor-one', '/sign-in/factor-one'],
    [`${ORIGIN}/c/9`, '/c/9'],
    ['/c/../c/7', '/c/7'],
  ])('keeps a path on this site: %s', (next, expected) => {
    const path = safeRedirectPath(next, ORIGIN);
    expect(path).toBe(expected);
    expect(landing(path)).toBe(ORIGIN);
  });

  it.each([
    ['backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['backslash then slash', '\\/evil.example'],
    ['tab between slashes', '/\t/evil.example'],
    ['newline between slashes', '/\n/evil.example'],
    ['tab, as it arrives decoded from %09', decodeURIComponent('/%09/evil.example')],
    ['protocol-relative', '//evil.example'],
    ['dot segment to protocol-relative', '/.//evil.example'],
    ['absolute https URL', 'https://evil.example/'],
    ['absolute URL with our host as user', `https://chat.example.com@evil.example/`],
    ['javascript: URL', 'javascript:alert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['other scheme on our host', 'http://chat.example.com/c/1'],
  ])('refuses %s', (_label, next) => {
    expect(safeRedirectPath(next, ORIGIN)).toBe('/');
  });

  it('keeps an encoded path encoded, on this site', () => {
    const path = safeRedirectPath('/%2F%2Fevil.example', ORIGIN);
    expect(landing(path)).toBe(ORIGIN);
    expect(path).toBe('/%2F%2Fevil.example');
  });

  it('falls back to / for nothing', () => {
    expect(safeRedirectPath(null, ORIGIN)).toBe('/');
    expect(safeRedirectPath('', ORIGIN)).toBe('/');
  });
});
