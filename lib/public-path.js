// @ts-check

/**
 * A prerendered route as visitors ask for it: the site's own language (`lang` in site.yml) is served without its
 * prefix, which next.config.js rewrites to (`/it/fotografie` → `/fotografie`, `/it` → `/`); others keep theirs.
 * @param {string} route
 * @param {string} lang
 */
export function publicPath(route, lang) {
  if (route === `/${lang}`) return '/';
  return route.startsWith(`/${lang}/`) ? route.slice(lang.length + 1) : route;
}

/**
 * The site's own language, as a build's `.next/routes-manifest.json` knows it: next.config.js rewrites `/` to its
 * home page (`/it`).
 * @param {{ rewrites: { afterFiles: { source: string; destination: string }[] } }} manifest
 */
export function siteLanguageOf(manifest) {
  const home = manifest.rewrites.afterFiles.find((rewrite) => rewrite.source === '/');
  if (!home) throw new Error('routes-manifest.json: expected the rewrite of / to the home page of the site\'s language');
  return home.destination.slice(1);
}
