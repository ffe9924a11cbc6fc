/** Interface strings in the site's language (`lang` in site.yml); English when a language is missing. */
const en = {
  mainNavigation: 'Main navigation',
  skipToContent: 'Skip to content',
  category: 'Category',
  year: 'Year',
  role: 'Role',
  previousProject: 'Previous project',
  nextProject: 'Next project',
  projectNavigation: 'More projects',
  opensInNewTab: '(opens in a new tab)',
  photoAlt: '{title}, image {position} of {total}',
  galleryLink: 'gallery',
  close: 'Close',
  previousSlide: 'Previous image',
  nextSlide: 'Next image',
  slidePosition: '{position} / {total}',
  slideAnnouncement: 'Image {position} of {total}: {alt}',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you were looking for does not exist or has moved.',
  backHome: 'Back to the home page',
  errorTitle: 'Something went wrong',
  errorText: 'An unexpected error occurred. Please try again shortly.',
  retry: 'Try again',
};

export type Strings = typeof en;

const it: Strings = {
  mainNavigation: 'Navigazione principale',
  skipToContent: 'Vai al contenuto',
  category: 'Categoria',
  year: 'Anno',
  role: 'Ruolo',
  previousProject: 'Progetto precedente',
  nextProject: 'Progetto successivo',
  projectNavigation: 'Altri progetti',
  opensInNewTab: '(si apre in una nuova scheda)',
  photoAlt: '{title}, immagine {position} di {total}',
  galleryLink: 'galleria',
  close: 'Chiudi',
  previousSlide: 'Immagine precedente',
  nextSlide: 'Immagine successiva',
  slidePosition: '{position} / {total}',
  slideAnnouncement: 'Immagine {position} di {total}: {alt}',
  notFoundTitle: 'Pagina non trovata',
  notFoundText: 'La pagina che cercavi non esiste o è stata spostata.',
  backHome: 'Torna alla home',
  errorTitle: 'Qualcosa è andato storto',
  errorText: 'Si è verificato un errore imprevisto. Riprova tra poco.',
  retry: 'Riprova',
};

const dictionaries: Record<string, Strings> = { en, it };

export function getStrings(lang: string): Strings {
  return dictionaries[lang.split('-')[0] ?? lang] ?? en;
}

/** `format('{position} / {total}', { position: 3, total: 8 })` → `3 / 8` */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => String(values[key] ?? match));
}
