import { LanguageSwitch } from '@/components/site/language-switch';
import { getProjectVersions } from '@/lib/content';

// A project without a translation leads to the category's page in the other language.
export default async function ProjectLanguages({ params }: PageProps<'/[lang]/[category]/[slug]'>) {
  const { lang, category, slug } = await params;
  return <LanguageSwitch lang={lang} versions={await getProjectVersions(slug)} fallback={`/${category}`} />;
}
