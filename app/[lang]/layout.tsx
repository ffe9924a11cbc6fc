import type { Metadata, Viewport } from 'next';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';
import { themeScript } from '@/components/site/theme';
import { titleFontVariables } from '@/components/site/title-font';
import { getLanguages, getSiteIn } from '@/lib/content';
import { getStrings, pathIn } from '@/lib/i18n';
import { getSiteUrl } from '@/lib/site-url';
import '../globals.css';

// One root layout per language of site.yml. The site's own language is served at today's URLs (`/fotografie`):
// next.config.js rewrites them to this segment (`/it/fotografie`), a routing rule that runs no code.
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await getLanguages()).map((lang) => ({ lang }));
}

export async function generateMetadata({ params }: LayoutProps<'/[lang]'>): Promise<Metadata> {
  const site = await getSiteIn((await params).lang);
  return {
    metadataBase: getSiteUrl(),
    title: { default: site.title, template: `%s — ${site.title}` },
    description: site.description,
    authors: site.author ? [{ name: site.author }] : undefined,
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f4f0' },
    { media: '(prefers-color-scheme: dark)', color: '#141311' },
  ],
};

export default async function RootLayout({ children, languages, params }: LayoutProps<'/[lang]'>) {
  const { lang } = await params;
  const site = await getSiteIn(lang);
  const strings = getStrings(lang);
  return (
    // The head script sets data-theme on <html> before React hydrates it.
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
