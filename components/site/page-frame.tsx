import { getLanguages, getSiteIn } from '@/lib/content';
import { getStrings, pathIn } from '@/lib/i18n';
import { SiteHeader } from './site-header';

type Props = {
  lang: string;
  /** Per language, the path of this page in it (`getPageVersions`, `getProjectVersions`). */
  versions: Record<string, string>;
  /** Where the switch leads in a language this page has no version in (its category's page), unprefixed. */
  fallback?: string;
  children: React.ReactNode;
};

/** A page's header, with the language switch to this page's own versions, and its `<main>`. */
export async function PageFrame({ lang, versions, fallback = '/', children }: Props) {
  const [site, languages] = await Promise.all([getSiteIn(lang), getLanguages()]);
  const strings = getStrings(lang);
  const switchTo = languages
    .filter((other) => other !== lang)
    .map((other) => ({ lang: other, href: versions[other] ?? pathIn(site, other, fallback), name: getStrings(other).languageName }));
  return (
    <>
      <SiteHeader
        title={site.title}
        home={pathIn(site, lang, '/')}
        categories={site.categories.map((category) => ({ label: category.label, href: pathIn(site, lang, `/${category.slug}`) }))}
        languages={switchTo}
        strings={strings}
      />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
