import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { callbackScript } from './callback-page.js';
import type { GitHubSettings } from './github';

// Decap's external OAuth flow (decap-cms-lib-auth/netlify-auth.js): Decap opens `/api/auth?provider=github&scope=…`
// in a window; that window ends on the callback page, which says "authorizing:github" to the admin, waits for the
// admin to answer from this origin, then posts `authorization:github:success:{"token":…,"provider":"github"}`.

const stateCookie = 'cms-oauth-state';
const cookiePath = '/api/auth';
const scopes = ['repo', 'public_repo'];

/** `GET /api/auth`: on to GitHub's consent page, with a one-time `state` kept in an HttpOnly cookie. */
export function startSignIn(request: NextRequest, github: GitHubSettings): Response {
  const params = request.nextUrl.searchParams;
  if (params.get('provider') !== 'github') {
    return new Response('Bad Request: expected provider=github', { status: 400, headers: plainText });
  }
  const scope = params.get('scope') ?? 'repo';
  const state = randomBytes(32).toString('base64url');
  const authorize = new URL('/login/oauth/authorize', github.oauthUrl);
  authorize.search = new URLSearchParams({
    client_id: github.clientId,
    redirect_uri: callbackUrl(request),
    scope: scopes.includes(scope) ? scope : 'repo',
    state,
  }).toString();

  const response = NextResponse.redirect(authorize, 302);
  response.headers.set('Cache-Control', 'no-store');
  // SameSite=Lax, not Strict: the callback arrives as a top-level navigation from github.com.
  response.cookies.set(stateCookie, state, { httpOnly: true, secure: true, sameSite: 'lax', path: cookiePath, maxAge: 600 });
  return response;
}

type Outcome = { token: string } | { error: string; status: number };

/** `GET /api/auth/callback`: checks `state`, trades the code for a token, hands it to the admin window. */
export async function finishSignIn(request: NextRequest, github: GitHubSettings): Promise<Response> {
  const outcome = await exchange(request, github);
  const message =
    'token' in outcome
      ? `authorization:github:success:${JSON.stringify({ token: outcome.token, provider: 'github' })}`
      : `authorization:github:error:${JSON.stringify({ message: outcome.error })}`;
  const text = 'token' in outcome ? 'Signed in. This window closes by itself.' : `Sign-in failed: ${outcome.error}`;

  const response = new NextResponse(callbackPage(message, text), {
    status: 'token' in outcome ? 200 : outcome.status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
  response.cookies.set(stateCookie, '', { httpOnly: true, secure: true, sameSite: 'lax', path: cookiePath, maxAge: 0 });
  return response;
}

async function exchange(request: NextRequest, github: GitHubSettings): Promise<Outcome> {
  const params = request.nextUrl.searchParams;
  const refused = params.get('error');
  if (refused) return { error: params.get('error_description') || refused, status: 403 };

  const expected = request.cookies.get(stateCookie)?.value;
  const state = params.get('state');
  if (!expected || !state || !sameText(expected, state)) {
    return { error: 'the sign-in could not be verified (state mismatch or expired); please try again', status: 400 };
  }
  const code = params.get('code');
  if (!code) return { error: 'GitHub sent no authorization code', status: 400 };

  try {
    const response = await fetch(new URL('/login/oauth/access_token', github.oauthUrl), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: github.clientId,
        client_secret: github.clientSecret,
        code,
        redirect_uri: callbackUrl(request),
      }),
      cache: 'no-store',
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { access_token?: unknown; error?: unknown; error_description?: unknown };
    if (response.ok && typeof body.access_token === 'string' && body.access_token) return { token: body.access_token };
    const reason = typeof body.error_description === 'string' ? body.error_description : body.error;
    return { error: `GitHub refused the code (${typeof reason === 'string' ? reason : response.status})`, status: 502 };
  } catch {
    return { error: 'GitHub could not be reached', status: 502 };
  }
}

// The origin the browser used. Next fills in the X-Forwarded-* headers from the request when no proxy set them;
// a forged Host only breaks the forger's own sign-in, since GitHub accepts only the registered callback URL.
function callbackUrl(request: NextRequest): string {
  const first = (name: string) => request.headers.get(name)?.split(',')[0]?.trim() || undefined;
  const host = first('x-forwarded-host') ?? first('host') ?? request.nextUrl.host;
  const protocol = first('x-forwarded-proto') ?? request.nextUrl.protocol.slice(0, -1);
  return new URL('/api/auth/callback', `${protocol}://${host}`).href;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const plainText = { 'Content-Type': 'text/plain; charset=utf-8' };

function callbackPage(message: string, text: string): string {
  // `<` escaped so that no value can close the data block.
  const data = JSON.stringify(message).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Sign-in</title></head>
<body>
<p>${escapeHtml(text)}</p>
<script type="application/json" id="message">${data}</script>
<script>${callbackScript}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
