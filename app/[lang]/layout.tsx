import type { Metadata, Viewport } from 'next';
import { SiteDocument } from '@/components/site/site-document';
import { getLanguages, getSiteIn } from '@/lib/content';
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
  return (
    <SiteDocument lang={(await params).lang} languages={languages}>
      {children}
    </SiteDocument>
  );
}
