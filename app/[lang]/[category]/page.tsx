import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProjectRows } from '@/components/project/project-rows';
import { JsonLd } from '@/components/seo/json-ld';
import { getCategories, getCategory, getPageVersions, getProjects, getSiteIn } from '@/lib/content';
import { pathIn } from '@/lib/i18n';
import { pageMetadata } from '@/lib/metadata';
import { categoryJsonLd } from '@/lib/structured-data';

export const dynamicParams = false;

export async function generateStaticParams({ params }: { params: { lang: string } }) {
  return (await getCategories(params.lang)).map((category) => ({ category: category.slug }));
}

async function categoryPage(lang: string, slug: string) {
  const [site, category, projects, versions] = await Promise.all([
    getSiteIn(lang),
    getCategory(slug, lang),
    getProjects(slug, lang),
    getPageVersions(`/${slug}`),
  ]);
  return { site, category, projects, versions };
}

export async function generateMetadata({ params }: PageProps<'/[lang]/[category]'>): Promise<Metadata> {
  const { lang, category: slug } = await params;
  const { site, category, projects, versions } = await categoryPage(lang, slug);
  if (!category) return {};
  return pageMetadata(site, {
    title: category.label,
    description: category.description,
    path: versions[lang]!,
    lang,
    versions,
    image: projects.find((project) => project.cover)?.cover,
  });
}

export default async function CategoryPage({ params }: PageProps<'/[lang]/[category]'>) {
  const { lang, category: slug } = await params;
  const { site, category, projects, versions } = await categoryPage(lang, slug);
  if (!category) notFound();
  return (
    <div className="page">
      <JsonLd data={categoryJsonLd({ ...site, lang, home: pathIn(site, lang, '/') }, { ...category, href: versions[lang]! }, projects)} />
      <header className="page-intro">
        <h1>{category.label}</h1>
        {category.description && <p className="lede">{category.description}</p>}
      </header>
      <ProjectRows projects={projects} pageLang={lang} headingLevel="h2" />
    </div>
  );
}
