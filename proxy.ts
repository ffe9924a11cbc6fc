import { NextResponse, type NextRequest } from 'next/server';

const plainText = { 'Content-Type': 'text/plain; charset=utf-8' };

// Every page is prerendered and nothing takes a request body: only GET and HEAD mean anything. Without this, Next
// answers other methods on a page with the page itself (200).
// Next 16 also answers a path it cannot percent-decode (`/%E0%A4%A`) with a 500 once it tries a dynamic route on it
// (vercel/next.js#92527). Both are the client's mistake: 405 and 400.
export function proxy(request: NextRequest) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new NextResponse('Method Not Allowed', { status: 405, headers: { ...plainText, Allow: 'GET, HEAD' } });
  }
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    return new NextResponse('Bad Request', { status: 400, headers: plainText });
  }
}

// Not on the hashed files: the proxy costs about 0.5 ms of CPU a request, twice what serving one of them does, and a
// page loads a dozen. (A method other than GET or HEAD gets Next's own answer there, a 500; nginx and Vercel answer
// it before Next does.)
export const config = { matcher: '/((?!_next/static/).*)' };
