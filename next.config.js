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

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  headers: async () => [{ source: '/:path*', headers: securityHeaders }],
  images: {
    // Only the site's own photos, at a short list of widths. WebP only: on the sample photos AVIF at the
    // same quality came out ~60% larger and 3-10x slower to encode (sharp, 640-1200 px), so it does not pay off.
    localPatterns: [{ pathname: '/_static/images/**', search: '' }],
    remotePatterns: [],
    // 750: a phone's column at 2x (cards and covers), 1200: the desktop column at 1x.
    deviceSizes: [640, 750, 1080, 1200, 1920],
    imageSizes: [320, 480],
    qualities: [70],
    formats: ['image/webp'],
    dangerouslyAllowSVG: false,
  },
};

export default nextConfig;
