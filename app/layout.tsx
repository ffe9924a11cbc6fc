import type { Metadata, Viewport } from 'next';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';
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
  themeColor: '#f6f4f0',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const site = await getSite();
  const strings = getStrings(site.lang);
  return (
    <html lang={site.lang}>
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
