import type { Metadata, Viewport } from 'next';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';
import { themeScript } from '@/components/site/theme';
import { titleFontVariables } from '@/components/site/title-font';
import { getSite } from '@/lib/content';
import { getStrings } from '@/lib/i18n';
import { getSiteUrl } from '@/lib/site-url';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSite();
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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const site = await getSite();
  const strings = getStrings(site.lang);
  return (
    // The head script sets data-theme on <html> before React hydrates it.
    <html lang={site.lang} className={titleFontVariables} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {strings.skipToContent}
        </a>
        <SiteHeader title={site.title} categories={site.categories} strings={strings} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter title={site.title} author={site.author} email={site.email} />
      </body>
    </html>
  );
}
