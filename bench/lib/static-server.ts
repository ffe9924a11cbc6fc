// `tsx bench/lib/static-server.ts <port> <url>`: fetches <url> once (as autocannon asks: no Accept-Encoding), then
// answers every request on 127.0.0.1:<port> with its status, headers and body from memory — the floor for `next start`.
import http from 'node:http';

const [port, source] = process.argv.slice(2);
const response = await fetch(source!, { headers: { 'accept-encoding': 'identity' } });
const body = Buffer.from(await response.arrayBuffer());
// Headers about the connection, the encoding or the time are the server's own (node:http adds Date).
const perConnection = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date']);
const headers: Record<string, string> = { 'content-length': String(body.length) };
response.headers.forEach((value, name) => void (perConnection.has(name) || (headers[name] = value)));
http.createServer((request, reply) => reply.writeHead(response.status, headers).end(request.method === 'HEAD' ? undefined : body)).listen(Number(port), '127.0.0.1');
