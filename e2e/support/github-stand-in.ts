import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export type TokenRequest = { client_id?: string; client_secret?: string; code?: string; redirect_uri?: string };

/**
 * A stand-in for github.com's two OAuth endpoints, on loopback: the consent page approves at once and sends the
 * browser back with a one-time code; the token endpoint trades a known code (for the right app and redirect URI)
 * for a token, as GitHub does. `/elsewhere` is a page of another origin that opens the site's sign-in.
 */
export async function startGitHubStandIn(port: number, app: { clientId: string; clientSecret: string; site: string }) {
  const token = `gho_${randomBytes(18).toString('hex')}`;
  const codes = new Map<string, string>();
  const authorizeRequests: URLSearchParams[] = [];
  const tokenRequests: TokenRequest[] = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (request.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      authorizeRequests.push(url.searchParams);
      const redirect = url.searchParams.get('redirect_uri');
      if (url.searchParams.get('client_id') !== app.clientId || !redirect) {
        response.writeHead(404).end('unknown application');
        return;
      }
      const code = randomBytes(10).toString('hex');
      codes.set(code, redirect);
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { Location: back.href }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const sent = JSON.parse(body || '{}') as TokenRequest;
        tokenRequests.push(sent);
        const valid =
          sent.client_id === app.clientId &&
          sent.client_secret === app.clientSecret &&
          sent.code !== undefined &&
          codes.get(sent.code) === sent.redirect_uri;
        if (sent.code) codes.delete(sent.code);
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify(
            valid
              ? { access_token: token, token_type: 'bearer', scope: 'repo' }
              : { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' },
          ),
        );
      });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/elsewhere') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>Elsewhere</title><script>
        window.received = [];
        window.addEventListener('message', (event) => window.received.push(String(event.data)));
        window.signIn = () => { window.popup = window.open(${JSON.stringify(`${app.site}/api/auth?provider=github&scope=repo`)}, 'sign-in'); };
      </script>`);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    authorizeRequests,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
