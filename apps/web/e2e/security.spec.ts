// Pages work under the Content-Security-Policy: scripts carry the request's nonce (no
// 'unsafe-inline' scripts), nothing the app does is refused by the policy, and the other
// security headers are sent. Chromium reports every refusal as a `securitypolicyviolation`
// event and a console error; the test collects both through sign-in, a streamed reply and a chat.
import type { Page, Response } from '@playwright/test';
import { composer, expect, lastReply, newUser, send, test } from './support/fixtures';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

async function watchPolicy(page: Page): Promise<{ violations: () => Promise<Violation[]> }> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  await page.addInitScript(() => {
    const list: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (event) => {
      list.push({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
      });
    });
  });
  return {
    async violations() {
      const reported = await page
        .evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations)
        .catch(() => undefined);
      return [
        ...(reported ?? []),
        ...consoleErrors.map((text) => ({ directive: 'console', blocked: '', sample: text })),
      ];
    },
  };
}

function scriptSrc(policy: string): string {
  return policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
}

function expectPolicy(response: Response | null): string {
  const headers = response?.headers() ?? {};
  const policy = headers['content-security-policy'] ?? '';
  expect(policy, 'the page has a Content-Security-Policy').not.toBe('');
  expect(scriptSrc(policy)).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(headers['permissions-policy']).toContain('camera=()');
  return policy;
}

test.describe('security headers', () => {
  test('the REST API answers with a fixed deny-all policy and no nonce', async ({ request }) => {
    const response = await request.get('/api/v1/openapi.json');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('pages work under the Content-Security-Policy with no violations', async ({ page }) => {
    const policy = await watchPolicy(page);
    const user = newUser('Clara Nunes');

    const signInPage = await page.goto('/sign-in?next=/');
    const first = expectPolicy(signInPage);
    // Every script Next.js renders carries this response's nonce. (Chunks its runtime adds
    // afterwards, such as the menus', have none: 'strict-dynamic' lets them in, and the
    // violations checked at the end cover them.)
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc(first))?.[1];
    const html = await signInPage?.text();
    const scripts = [...(html ?? '').matchAll(/<script\b([^>]*)>/g)].map(
      (match) => /\bnonce="([^"]*)"/.exec(match[1] ?? '')?.[1],
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((value) => value === nonce)).toBe(true);

    // Signing in needs the page's scripts (the form posts JSON with fetch).
    await page.getByLabel('Name').fill(user.name);
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'How can I help, Clara?' })).toBeVisible({
      timeout: 30_000,
    });

    // A streamed reply (tRPC over fetch and SSE) in a new chat, then the chat page reloaded.
    await send(page, 'Hello under a strict policy');
    await expect(lastReply(page)).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
    const chatPage = await page.reload();
    const second = expectPolicy(chatPage);
    expect(/'nonce-([^']+)'/.exec(scriptSrc(second))?.[1]).not.toBe(nonce);
    await expect(composer(page)).toBeVisible();
    await expect(lastReply(page)).toBeVisible();

    expect(await policy.violations()).toEqual([]);
  });

  test('an inline script without the nonce is refused', async ({ page }) => {
    const policy = await watchPolicy(page);
    await page.goto('/sign-in');
    // A script the markup did not carry (as an injection would add it): no nonce, so refused.
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = '<img src="data:image/png;base64,AAAA" onerror="window.__ran = true">';
      document.body.append(div);
    });
    await expect
      .poll(async () => (await policy.violations()).map((v) => v.directive).join(' '), {
        timeout: 5_000,
      })
      .toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBe(
      undefined,
    );
  });

  // The server-side redirect of a signed-in visitor: `next` spellings that browsers read as
  // another host (a backslash, a tab, an absolute URL) send them home instead.
  for (const next of ['/\\evil.example', '/\t/evil.example', 'https://evil.example/']) {
    test(`sign-in never redirects off the site: ${JSON.stringify(next)}`, async ({
      page,
      user: _user,
      baseURL,
    }) => {
      const response = await page.request.get(`/sign-in?next=${encodeURIComponent(next)}`, {
        maxRedirects: 0,
      });
      expect(response.status()).toBeGreaterThanOrEqual(300);
      expect(response.status()).toBeLessThan(400);
      const location = response.headers().location ?? '';
      expect(new URL(location, baseURL).origin).toBe(new URL(baseURL ?? '').origin);
      expect(location).toBe('/');
    });
  }
});
