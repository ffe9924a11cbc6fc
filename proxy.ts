import { NextResponse, type NextRequest } from 'next/server';

// Next 16 answers a path it cannot percent-decode (`/%E0%A4%A`) with a 500 once it tries a dynamic route on it
// (vercel/next.js#92527). Such a URL is the client's mistake: 400. Only paths with a `%` in them come here.
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return NextResponse.next();
  } catch {
    return new NextResponse('Bad Request', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

export const config = { matcher: '/:path(.*%.*)' };
