// @ts-check

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

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
  // Photos are resized once, at build time, into static files (lib/photos): the runtime optimizer is off and
  // `/_next/image` answers 404, so no request ever resizes a photo and a host bills no image optimization.
  images: { unoptimized: true },
};

export default nextConfig;
