import { expect, test, type APIResponse } from '@playwright/test';
import { cmsPorts, startProductionServer, type Server } from './support/cms';
import { watchForViolations } from './support/csp';
import { startGitHubStandIn } from './support/github-stand-in';

// GitHub sign-in for the deployed editor: the real route handlers on a real `next start` of the suite's build,
// against a stand-in for github.com's two OAuth endpoints (this machine cannot reach GitHub).
const app = { clientId: 'Iv1.stand-in-client', clientSecret: 'stand-in-secret-0123456789abcdef' };
const site = `http://127.0.0.1:${cmsPorts.signIn}`;
let github: Awaited<ReturnType<typeof startGitHubStandIn>>;
let server: Server;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  github = await startGitHubStandIn(cmsPorts.github, { ...app, site });
  server = await startProductionServer(cmsPorts.signIn, {
    GITHUB_CLIENT_ID: app.clientId,
    GITHUB_CLIENT_SECRET: app.clientSecret,
    GITHUB_REPO: 'example/portfolio',
    GITHUB_OAUTH_URL: github.url,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await github?.close();
});

function stateCookie(response: APIResponse) {
  const header = response.headersArray().find(({ name, value }) => name.toLowerCase() === 'set-cookie' && value.startsWith('cms-oauth-state='));
  expect(header, 'the state cookie').toBeDefined();
  const [pair = '', ...attributes] = header!.value.split(';').map((part) => part.trim());
  return { value: pair.slice('cms-oauth-state='.length), attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

test('without GitHub settings, the sign-in routes answer 404 and /admin says how to set them up', async ({ page, request }) => {
  for (const path of ['/api/auth?provider=github&scope=repo', '/api/auth/callback?code=x&state=y', '/api/cms/settings']) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
  const { refusals, violations } = await watchForViolations(page);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Modifica nel browser non configurata' })).toBeVisible();
  await expect(page.getByText('GITHUB_CLIENT_ID')).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test('/admin on the deployed site: its own CSP (GitHub, no local proxy), no indexing', async ({ request }) => {
  for (const path of ['/admin', '/admin/config.yml', '/admin/cms-init.js']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toBe(
      "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; font-src 'self'; " +
        "img-src 'self' data: blob: https://avatars.githubusercontent.com; connect-src 'self' blob: https://api.github.com; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(headers['x-robots-tag'], path).toBe('noindex, nofollow');
  }
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Disallow: \/admin$/m);
});

test('/api/auth sends the editor to GitHub with a one-time state, kept in an HttpOnly, Secure, SameSite cookie', async ({ request }) => {
  const first = await request.get(`${site}/api/auth?provider=github&site_id=example.org&scope=repo`, { maxRedirects: 0 });
  expect(first.status()).toBe(302);
  const location = new URL(first.headers().location!);
  expect(`${location.origin}${location.pathname}`).toBe(`${github.url}/login/oauth/authorize`);
  expect(Object.fromEntries(location.searchParams)).toMatchObject({
    client_id: app.clientId,
    redirect_uri: `${site}/api/auth/callback`,
    scope: 'repo',
  });
  const cookie = stateCookie(first);
  expect(cookie.value).toMatch(/^[\w-]{43}$/);
  expect(location.searchParams.get('state')).toBe(cookie.value);
  expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/api/auth']));
  expect(first.headers()['cache-control']).toBe('no-store');

  const second = await request.get(`${site}/api/auth?provider=github&scope=repo`, { maxRedirects: 0 });
  expect(stateCookie(second).value).not.toBe(cookie.value);
  expect((await request.get(`${site}/api/auth?provider=gitlab`, { maxRedirects: 0 })).status()).toBe(400);
});

test('the callback refuses a missing or mismatched state without asking GitHub, and a refused code', async ({ request }) => {
  const asked = github.tokenRequests.length;
  const callback = `${site}/api/auth/callback`;

  const mismatched = await request.get(`${callback}?code=abc&state=not-the-cookie`, {
    headers: { Cookie: 'cms-oauth-state=the-cookie' },
  });
  const missing = await request.get(`${callback}?code=abc&state=the-cookie`);
  for (const response of [mismatched, missing]) {
    expect(response.status()).toBe(400);
    const body = await response.text();
    expect(body).toContain('authorization:github:error:');
    expect(body).toContain('state mismatch');
    expect(stateCookie(response).attributes).toContain('max-age=0');
    // Its own policy: its one script, by hash, and nothing else.
    const policy = response.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-[\w+/]+=*';/);
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers()['referrer-policy']).toBe('no-referrer');
  }
  expect(github.tokenRequests.length).toBe(asked);

  const refused = await request.get(`${callback}?code=never-issued&state=s`, { headers: { Cookie: 'cms-oauth-state=s' } });
  expect(refused.status()).toBe(502);
  expect(await refused.text()).toContain('GitHub refused the code (The code passed is incorrect or expired.)');
  expect(github.tokenRequests.at(-1)).toMatchObject({ client_id: app.clientId, client_secret: app.clientSecret, code: 'never-issued' });
});

test('Decap signs in through the handlers: the token reaches the admin window, from this origin, and no log', async ({ page }) => {
  // The admin is a 5 MB bundle: on a loaded 2-core machine loading it and the sign-in round trip take over 30 s.
  test.setTimeout(120_000);
  const { refusals, violations } = await watchForViolations(page);
  await page.addInitScript(() => {
    const messages: { origin: string; data: string }[] = [];
    Object.assign(window, { signInMessages: messages });
    window.addEventListener('message', (event) => messages.push({ origin: event.origin, data: String(event.data) }));
  });
  await page.goto(`${site}/admin`);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Accedi con GitHub' }).click();
  const signIn = await popup;
  // The window may be gone already (the stand-in answers at once): its "close" event would then never come.
  await expect.poll(() => signIn.isClosed(), { timeout: 60_000 }).toBe(true);

  const messages = await page.evaluate(() => (window as unknown as { signInMessages: { origin: string; data: string }[] }).signInMessages);
  expect(messages).toEqual([
    { origin: site, data: 'authorizing:github' },
    { origin: site, data: `authorization:github:success:${JSON.stringify({ token: github.token, provider: 'github' })}` },
  ]);
  const authorize = github.authorizeRequests.at(-1)!;
  expect(authorize.get('redirect_uri')).toBe(`${site}/api/auth/callback`);
  expect(github.tokenRequests.at(-1)).toMatchObject({ client_id: app.clientId, client_secret: app.clientSecret, redirect_uri: `${site}/api/auth/callback` });
  expect(server.output()).not.toContain(github.token);
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test('a page of another origin that opens the sign-in gets nothing from it', async ({ page }) => {
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  await page.goto(`${github.url}/elsewhere`);
  const popup = page.waitForEvent('popup');
  await page.evaluate(() => (window as unknown as { signIn: () => void }).signIn());
  const signIn = await popup;
  await signIn.waitForURL(/\/api\/auth\/callback\?/);
  await expect(signIn.getByText('Signed in.')).toBeVisible();
  expect(await signIn.evaluate(() => window.opener !== null)).toBe(true);

  // The callback page did write to its opener, and Chromium dropped it (and says so on the opener's side).
  await expect.poll(() => logged.some((text) => text.includes("does not match the recipient window's origin"))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { received: string[] }).received)).toEqual([]);
});
