// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  images: {
    // Only the site's own photos, at a short list of widths, as AVIF or WebP.
    localPatterns: [{ pathname: '/_static/images/**', search: '' }],
    remotePatterns: [],
    deviceSizes: [640, 828, 1200, 1920],
    imageSizes: [320, 480],
    qualities: [70],
    formats: ['image/avif', 'image/webp'],
    dangerouslyAllowSVG: false,
    minimumCacheTTL: 31536000,
  },
};

export default nextConfig;
