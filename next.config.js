// @ts-check
import { callbackPolicy } from './lib/cms/callback-page.js';
import { localProxyPort } from './lib/cms/local-proxy.js';

// Every page is prerendered, so there is no per-request nonce; Next's inline bootstrap scripts
// (`self.__next_f.push(…)`, different on every page and every build) cannot be listed by hash in headers fixed
// before the pages are built. So script-src needs 'unsafe-inline' ('self' alone stops hydration), and 'self' still
// keeps out every other origin. next/image sets inline styles and data: blur placeholders. upgrade-insecure-requests
// is left out: every URL here is same-origin already, and it breaks `next start` over plain http off localhost.
// `next dev` adds eval (React's error stacks) and its overlay's fonts.
const development = process.env.NODE_ENV === 'development';
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
  ...(development ? ["font-src 'self'"] : []),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self'",
  // The gallery's embeds, each created only when its play button is pressed.
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// Decap CMS at /admin (public/admin/) needs more, so it alone gets a looser policy: its bundle compiles code at run
// time ('unsafe-eval'), styles itself inline and previews uploads from blob: URLs. It talks to the local decap-server
// in development and to GitHub's API in production, where GitHub's avatars are its only outside images.
// `same-origin-allow-popups` keeps the sign-in window able to answer the admin once it comes back from github.com.
const adminPolicy = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob:${development ? '' : ' https://avatars.githubusercontent.com'}`,
  `connect-src 'self' blob: ${
    development ? `http://127.0.0.1:${localProxyPort} http://localhost:${localProxyPort}` : 'https://api.github.com'
  }`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const adminHeaders = [
  { key: 'Content-Security-Policy', value: adminPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin-allow-popups' },
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
];

// The sign-in window goes from /api/auth to github.com and back to /api/auth/callback, whose page hands the token to
// the admin through window.opener: COOP must not cut that link. The callback page runs one script, named by hash,
// and its URL (which holds the code) is sent to no one.
const signInHeaders = [
  { key: 'Content-Security-Policy', value: callbackPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'unsafe-none' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // For a path matched by several rules, the last rule's value of a header wins.
  headers: async () => [
    { source: '/:path*', headers: securityHeaders },
    { source: '/admin/:path*', headers: adminHeaders },
    { source: '/api/auth/:path*', headers: signInHeaders },
  ],
  // public/admin/index.html answers /admin (Next redirects /admin/ there).
  rewrites: async () => [{ source: '/admin', destination: '/admin/index.html' }],
  // Photos are resized once, at build time, into static files (lib/photos): the runtime optimizer is off and
  // `/_next/image` answers 404, so no request ever resizes a photo and a host bills no image optimization.
  images: { unoptimized: true },
};

export default nextConfig;
