import { LanguageSwitch } from '@/components/site/language-switch';
import { getPageVersions } from '@/lib/content';

export default async function CategoryLanguages({ params }: PageProps<'/[lang]/[category]'>) {
  const { lang, category } = await params;
  return <LanguageSwitch lang={lang} versions={await getPageVersions(`/${category}`)} />;
}
