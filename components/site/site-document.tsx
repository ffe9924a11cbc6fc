import { getSiteIn } from '@/lib/content';
import { getStrings, pathIn } from '@/lib/i18n';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import { themeScript } from './theme';
import { titleFontVariables } from './title-font';

type Props = {
  lang: string;
  /** The header's links to this page in the other languages (LanguageSwitch). */
  languages: React.ReactNode;
  children: React.ReactNode;
};

/** A page's whole document in `lang`: the theme set before the first paint, the header, `<main>` and the footer. */
export async function SiteDocument({ lang, languages, children }: Props) {
  const site = await getSiteIn(lang);
  const strings = getStrings(lang);
  return (
    // The head script sets data-theme on <html> before React hydrates it.
    <html lang={lang} className={titleFontVariables} suppressHydrationWarning>
      {/* eslint-disable-next-line @next/next/no-head-element -- an App Router document, rendered by its root layouts (next/head is the Pages Router's) */}
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {strings.skipToContent}
        </a>
        <SiteHeader
          title={site.title}
          home={pathIn(site, lang, '/')}
          categories={site.categories.map((category) => ({ label: category.label, href: pathIn(site, lang, `/${category.slug}`) }))}
          languages={languages}
          strings={strings}
        />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter title={site.title} author={site.author} email={site.email} />
      </body>
    </html>
  );
}
