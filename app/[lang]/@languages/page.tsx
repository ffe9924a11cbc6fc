import { LanguageSwitch } from '@/components/site/language-switch';
import { getPageVersions } from '@/lib/content';

// The header's language switch (the layout's `languages` slot), one per kind of page: here the home page's.
export default async function HomeLanguages({ params }: PageProps<'/[lang]'>) {
  const { lang } = await params;
  return <LanguageSwitch lang={lang} versions={await getPageVersions('/')} />;
}
