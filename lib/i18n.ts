import { errorStrings } from './i18n-errors';

/** Interface strings in the site's language (`lang` in site.yml); English when a language is missing. */
const en = {
  /** The language's name in itself, as the language switch shows it. */
  languageName: 'English',
  /** Open Graph's locale (`og:locale`). */
  ogLocale: 'en_GB',
  languages: 'Languages',
  mainNavigation: 'Main navigation',
  skipToContent: 'Skip to content',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  themeSystem: 'System',
  category: 'Category',
  year: 'Year',
  role: 'Role',
  previousProject: 'Previous project',
  nextProject: 'Next project',
  projectNavigation: 'More projects',
  opensInNewTab: '(opens in a new tab)',
  photoAlt: '{title}, image {position} of {total}',
  videoAlt: '{title}, video {position} of {total}',
  galleryLink: 'gallery',
  close: 'Close',
  previousSlide: 'Previous image',
  nextSlide: 'Next image',
  slidePosition: '{position} / {total}',
  slideAnnouncement: 'Image {position} of {total}: {alt}',
  videoAnnouncement: 'Video {position} of {total}: {alt}',
  captionAnnouncement: '{announcement}. Caption: {caption}',
  zoom: 'Zoom',
  zoomAnnouncement: 'Zoomed to {percent}%',
  zoomResetAnnouncement: 'Zoom reset',
  playVideo: 'Play the video on {provider}',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you were looking for does not exist or has moved.',
  backHome: 'Back to the home page',
  ...errorStrings.en,
};

export type Strings = typeof en;

const it: Strings = {
  languageName: 'Italiano',
  ogLocale: 'it_IT',
  languages: 'Lingue',
  mainNavigation: 'Navigazione principale',
  skipToContent: 'Vai al contenuto',
  theme: 'Tema',
  themeLight: 'Chiaro',
  themeDark: 'Scuro',
  themeSystem: 'Sistema',
  category: 'Categoria',
  year: 'Anno',
  role: 'Ruolo',
  previousProject: 'Progetto precedente',
  nextProject: 'Progetto successivo',
  projectNavigation: 'Altri progetti',
  opensInNewTab: '(si apre in una nuova scheda)',
  photoAlt: '{title}, immagine {position} di {total}',
  videoAlt: '{title}, video {position} di {total}',
  galleryLink: 'galleria',
  close: 'Chiudi',
  previousSlide: 'Immagine precedente',
  nextSlide: 'Immagine successiva',
  slidePosition: '{position} / {total}',
  slideAnnouncement: 'Immagine {position} di {total}: {alt}',
  videoAnnouncement: 'Video {position} di {total}: {alt}',
  captionAnnouncement: '{announcement}. Didascalia: {caption}',
  zoom: 'Ingrandisci',
  zoomAnnouncement: 'Ingrandita al {percent}%',
  zoomResetAnnouncement: 'Ingrandimento annullato',
  playVideo: 'Riproduci il video su {provider}',
  notFoundTitle: 'Pagina non trovata',
  notFoundText: 'La pagina che cercavi non esiste o è stata spostata.',
  backHome: 'Torna alla home',
  ...errorStrings.it,
};

const dictionaries: Record<string, Strings> = { en, it };

/** The languages whose interface strings the site ships: what site.yml's `lang` and `languages` may name. */
export const shippedLanguages = Object.keys(dictionaries);

export function getStrings(lang: string): Strings {
  return dictionaries[lang.split('-')[0] ?? lang] ?? en;
}

/**
 * A page's path in a language: the site's own language keeps the path as it is (`/fotografie`), another is
 * prefixed with its code (`/en/fotografie`, `/en` for the home page).
 */
export function pathIn(site: { lang: string }, lang: string, path: string): string {
  if (lang === site.lang) return path;
  return path === '/' ? `/${lang}` : `/${lang}${path}`;
}

/** `format('{position} / {total}', { position: 3, total: 8 })` → `3 / 8` */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}
