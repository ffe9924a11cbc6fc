const localOrigin = 'http://localhost:3000';

/** The site's public origin: `SITE_URL` at build time, http://localhost:3000 when unset. */
export function getSiteUrl(): URL {
  const url = new URL(process.env.SITE_URL || localOrigin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL: expected an http(s) URL such as https://example.com, got "${process.env.SITE_URL}"`);
  }
  return url;
}

/** `/fotografie/co-city` → `https://example.com/fotografie/co-city` */
export function absoluteUrl(path: string): string {
  return new URL(path, getSiteUrl()).href;
}
