import Link from 'next/link';
import { getLanguages, getSite } from '@/lib/content';
import { getStrings, pathIn } from '@/lib/i18n';

type Props = {
  lang: string;
  /** Per language, the path of this page in it (`getPageVersions`, `getProjectVersions`). */
  versions: Record<string, string>;
  /** Where the switch leads in a language this page has no version in (its category's page), unprefixed. */
  fallback?: string;
};

/** The header's links to this page in each other language of the site, each named in its own language. */
export async function LanguageSwitch({ lang, versions, fallback = '/' }: Props) {
  const [site, languages] = await Promise.all([getSite(), getLanguages()]);
  const others = languages.filter((other) => other !== lang);
  if (others.length === 0) return null;
  return (
    <nav aria-label={getStrings(lang).languages} className="language-switch">
      <ul>
        {others.map((other) => (
          <li key={other}>
            <Link href={versions[other] ?? pathIn(site, other, fallback)} hrefLang={other} lang={other}>
              {getStrings(other).languageName}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
