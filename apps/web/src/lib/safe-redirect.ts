// Where to send someone after signing in: the `next` parameter, only if it stays on this app's
// origin. Parsed with `URL` as the browser will parse it (backslashes become slashes, tabs and
// newlines vanish, `..` and `.` collapse), so spellings like `/\evil.example` or `/%09/evil.example`
// cannot pass a prefix check and then leave the site.

const FALLBACK = '/';
// Any origin works as the base when none is known: only the result's path is used, and it must
// resolve to the same origin as the base.
const PLACEHOLDER_ORIGIN = 'https://app.invalid';

/**
 * The path (with query and fragment) `next` points to on `origin`, or `/` when it points
 * anywhere else or is not a URL at all.
 */
export function safeRedirectPath(next: string | null | undefined, origin?: string): string {
  if (!next) return FALLBACK;
  const base = origin ?? globalThis.location?.origin ?? PLACEHOLDER_ORIGIN;
  let target: URL;
  let home: URL;
  try {
    home = new URL(base);
    target = new URL(next, home);
  } catch {
    return FALLBACK;
  }
  if (target.origin !== home.origin) return FALLBACK;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A path that normalised to `//host` (e.g. from `/.//evil.example`) would be read as another
  // origin when used as a relative URL.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return FALLBACK;
  return path;
}
