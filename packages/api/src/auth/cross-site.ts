// Cross-site request refusal for state-changing routes a browser cookie authenticates (tRPC
// mutations, local sign-in and sign-out, API-key admin through tRPC). A page on another site can
// make the victim's browser POST `text/plain`, form-urlencoded or multipart bodies with the
// victim's cookies and no preflight; requiring JSON forces a preflight that no CORS rule here
// answers, and `Sec-Fetch-Site` / `Origin` say which site started the request. A request with an
// `Authorization` header carries its own credential (API key, Clerk token from another system):
// no browser attaches that on its own, so it is not a cross-site forgery and stays allowed.
import { problemResponse } from '../rest/problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Origins this app is served from: APP_URL, and the host the request was addressed to. */
function sameOrigin(request: Request, origin: string, appUrl: string): boolean {
  if (origin === originOf(appUrl)) return true;
  const parsed = originOf(origin);
  if (!parsed) return false;
  // A forged request comes from the victim's browser, which addresses our host while its Origin
  // names the attacker's: comparing Origin with the addressed host is sound behind proxies too.
  const host =
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() ??
    request.headers.get('host') ??
    new URL(request.url).host;
  return new URL(parsed).host === host;
}

export interface CrossSiteOptions {
  /** The app's public URL (APP_URL). */
  appUrl: string;
  /** Whether a body must be JSON (every state-changing route here takes JSON or nothing). */
  requireJson: boolean;
}

/** A refusal for a cross-site or non-JSON state-changing request, or null to let it through. */
export function refuseCrossSite(request: Request, options: CrossSiteOptions): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.headers.has('authorization')) return null;

  if (
    options.requireJson &&
    mediaType(request.headers.get('content-type')) !== 'application/json'
  ) {
    return problemResponse(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as application/json.',
    );
  }
  const fetchSite = request.headers.get('sec-fetch-site');
  // `same-site` is refused too: a sibling subdomain is another application.
  if (fetchSite && fetchSite !== 'same-origin') {
    return crossSite(`The request came from another site (Sec-Fetch-Site: ${fetchSite}).`);
  }
  const origin = request.headers.get('origin');
  if (origin && !sameOrigin(request, origin, options.appUrl)) {
    return crossSite(`The request came from another origin (${origin}).`);
  }
  // Neither header: not a browser (browsers send Origin on every non-GET request), so no cookie
  // was attached on someone else's behalf.
  return null;
}

function crossSite(detail: string): Response {
  return problemResponse(403, 'cross-site-request', 'Cross-site request refused', detail);
}
