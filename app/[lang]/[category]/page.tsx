import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProjectRows } from '@/components/project/project-rows';
import { JsonLd } from '@/components/seo/json-ld';
import { getCategories, getCategory, getProjects, getSite } from '@/lib/content';
import { pageMetadata } from '@/lib/metadata';
import { categoryJsonLd } from '@/lib/structured-data';

export const dynamicParams = false;

export async function generateStaticParams() {
  return (await getCategories()).map((category) => ({ category: category.slug }));
}

export async function generateMetadata({ params }: PageProps<'/[category]'>): Promise<Metadata> {
  const { category: slug } = await params;
  const [site, category, projects] = await Promise.all([getSite(), getCategory(slug), getProjects(slug)]);
  if (!category) return {};
  return pageMetadata(site, {
    title: category.label,
    description: category.description,
    path: `/${category.slug}`,
    image: projects.find((project) => project.cover)?.cover,
  });
}

export default async function CategoryPage({ params }: PageProps<'/[category]'>) {
  const { category: slug } = await params;
  const [site, category, projects] = await Promise.all([getSite(), getCategory(slug), getProjects(slug)]);
  if (!category) notFound();
  return (
    <div className="page">
      <JsonLd data={categoryJsonLd(site, category, projects)} />
      <header className="page-intro">
        <h1>{category.label}</h1>
        {category.description && <p className="lede">{category.description}</p>}
      </header>
      <ProjectRows projects={projects} headingLevel="h2" />
    </div>
  );
}
