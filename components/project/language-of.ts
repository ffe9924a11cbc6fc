/**
 * A project listed in a language it has no translation in is shown in its own: its link says so (`hreflang`, the
 * page it leads to) and so does its text (`lang`, for screen readers to switch voice).
 */
export function languageOf(project: { lang: string }, pageLang: string): { lang?: string; hrefLang?: string } {
  return project.lang === pageLang ? {} : { lang: project.lang, hrefLang: project.lang };
}

export function hrefLangOf(project: { lang: string }, pageLang: string): string | undefined {
  return project.lang === pageLang ? undefined : project.lang;
}
