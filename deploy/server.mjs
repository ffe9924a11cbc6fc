// The Node host's entry point: `npm run build` puts it in .next/standalone as server.js, in place of the one Next
// generates (it reads the same config from the build). It answers the two requests Next gets wrong before Next
// sees them, at no cost to the others (a proxy.ts would run on every request, ~0.5 ms of CPU each):
// - a method other than GET or HEAD: every page is prerendered and nothing takes a body, but Next answers POST, PUT
//   and DELETE with the page (200), a form post with a 500 and a multipart one with a 409;
// - a path that cannot be percent-decoded (`/%E0%A4%A`), a 500 from Next (vercel/next.js#92527).
// Everything else goes to Next's request handler, as its generated server.js would pass it, except a page Next has
// already answered: its answer is sent again from memory (page-cache.mjs; PAGE_CACHE=off turns that off).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { answersAreFixed, pageCache } from './page-cache.mjs';

performance.mark('next-start');
const require = module.createRequire(import.meta.url);
const dir = fileURLToPath(new URL('.', import.meta.url));
process.env.NODE_ENV = 'production';
process.chdir(dir);

const port = parseInt(process.env.PORT ?? '', 10) || 3000;
const hostname = process.env.HOSTNAME || '0.0.0.0';
const keepAliveSetting = parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? '', 10);
const keepAliveTimeout = Number.isFinite(keepAliveSetting) && keepAliveSetting >= 0 ? keepAliveSetting : undefined;
// What the generated server.js embeds, read from the same build.
const { config } = JSON.parse(readFileSync('.next/required-server-files.json', 'utf8'));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
// Our own answers carry the headers next.config.js gives every response.
const { headers: rules } = JSON.parse(readFileSync('.next/routes-manifest.json', 'utf8'));
const everyResponse = Object.fromEntries((rules.find((rule) => rule.source === '/:path*')?.headers ?? []).map(({ key, value }) => [key, value]));

function refuse(response, status, text, extra = {}) {
  response.writeHead(status, { ...everyResponse, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  response.end(text);
}

function decodable(url) {
  try {
    decodeURIComponent(url.split('?', 1)[0]);
    return true;
  } catch {
    return false;
  }
}

// A build whose pages revalidate, or with a proxy.ts, may answer a page differently each time: that stays Next's alone.
const cache = process.env.PAGE_CACHE !== 'off' && answersAreFixed('.next') ? pageCache() : null;

require('next');
const { getRequestHandlers } = require('next/dist/server/lib/start-server');

let handlers;
const server = http.createServer(async (request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  if (!decodable(request.url ?? '/')) return refuse(response, 400, 'Bad Request');
  if (cache?.answer(request, response)) return;
  cache?.record(request, response);
  try {
    await (await handlers).requestHandler(request, response);
  } catch (error) {
    console.error(`Failed to handle request for ${request.url}`, error);
    if (!response.headersSent) refuse(response, 500, 'Internal Server Error');
    else response.destroy();
  }
});
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
server.on('upgrade', async (request, socket, head) => (await handlers).upgradeHandler(request, socket, head).catch(() => socket.destroy()));

// Let requests in flight finish on SIGTERM (a rolling deploy, `systemctl restart`), as Next's server does.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
}

server.listen(port, hostname, () => {
  process.title = 'next-server';
  process.env.PORT = String(port);
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`;
  handlers = getRequestHandlers({ dir, port, isDev: false, server, hostname, keepAliveTimeout });
  handlers.then(
    () => console.log(`Ready on http://${hostname}:${port}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
