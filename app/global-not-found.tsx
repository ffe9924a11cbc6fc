import type { Metadata } from 'next';
import Link from 'next/link';
import { SiteFooter } from '@/components/site/site-footer';
import { LanguageSwitch } from '@/components/site/language-switch';
import { SiteHeader } from '@/components/site/site-header';
import { themeScript } from '@/components/site/theme';
import { titleFontVariables } from '@/components/site/title-font';
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
    <html lang={lang} className={titleFontVariables} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {strings.skipToContent}
        </a>
        <SiteHeader
          title={site.title}
          home="/"
          categories={site.categories.map((category) => ({ label: category.label, href: `/${category.slug}` }))}
          languages={<LanguageSwitch lang={lang!} versions={{}} />}
          strings={strings}
        />
        <main id="main" tabIndex={-1}>
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
        </main>
        <SiteFooter title={site.title} author={site.author} email={site.email} />
      </body>
    </html>
  );
}
