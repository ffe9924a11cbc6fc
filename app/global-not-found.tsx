import type { Metadata } from 'next';
import Link from 'next/link';
import { LanguageSwitch } from '@/components/site/language-switch';
import { SiteDocument } from '@/components/site/site-document';
import { getLanguages, getSiteIn } from '@/lib/content';
import { getStrings, pathIn } from '@/lib/i18n';
import './globals.css';

// Every unknown URL, in any language, gets this one page (the root layout is per language, app/[lang]): it speaks
// the site's language, and says the same in each other language, each with a link to that language's home page.

export async function generateMetadata(): Promise<Metadata> {
  const [site] = await getLanguages();
  return { title: `${getStrings(site!).notFoundTitle} — ${(await getSiteIn(site!)).title}`, robots: { index: false } };
}

export default async function GlobalNotFound() {
  const [lang, ...others] = await getLanguages();
  const site = await getSiteIn(lang!);
  const strings = getStrings(lang!);
  return (
    <SiteDocument lang={lang!} languages={<LanguageSwitch lang={lang!} versions={{}} />}>
      <div className="message-page">
        <h1>{strings.notFoundTitle}</h1>
        <p>{strings.notFoundText}</p>
        <Link href="/" className="button button-dark">
          {strings.backHome}
        </Link>
        {others.map((other) => {
          const { notFoundTitle, notFoundText, backHome } = getStrings(other);
          return (
            <p key={other} lang={other} className="message-other-language">
              {notFoundTitle}. {notFoundText} <Link href={pathIn(site, other, '/')}>{backHome}</Link>
            </p>
          );
        })}
      </div>
    </SiteDocument>
  );
}
