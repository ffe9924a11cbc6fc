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
