// `tsx bench/lib/static-server.ts <port> <url>`: fetches <url> once, then answers every request on
// 127.0.0.1:<port> with the same status, headers and body from memory — the floor for `next start`.
import http from 'node:http';

const [port, source] = process.argv.slice(2);
if (!port || !source) throw new Error('usage: static-server.ts <port> <url>');

// Sent without Accept-Encoding, as autocannon sends its requests: the body is the plain HTML.
const response = await fetch(source, { headers: { 'accept-encoding': 'identity' } });
if (!response.ok) throw new Error(`${source} answered ${response.status}`);
const body = Buffer.from(await response.arrayBuffer());

// Headers about the connection, the encoding or the time are the server's own (node:http adds Date).
const perConnection = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date']);
const headers: Record<string, string> = { 'content-length': String(body.length) };
response.headers.forEach((value, name) => {
  if (!perConnection.has(name)) headers[name] = value;
});

http
  .createServer((request, reply) => {
    reply.writeHead(response.status, headers);
    reply.end(request.method === 'HEAD' ? undefined : body);
  })
  .listen(Number(port), '127.0.0.1');
