import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProjectCard, ProjectGrid } from '@/components/project/project-card';
import { getCategories, getCategory, getProjects } from '@/lib/content';

export const dynamicParams = false;

export async function generateStaticParams() {
  return (await getCategories()).map((category) => ({ category: category.slug }));
}

export async function generateMetadata({ params }: PageProps<'/[category]'>): Promise<Metadata> {
  const category = await getCategory((await params).category);
  if (!category) return {};
  return { title: category.label, description: category.description };
}

export default async function CategoryPage({ params }: PageProps<'/[category]'>) {
  const { category: slug } = await params;
  const category = await getCategory(slug);
  if (!category) notFound();
  const projects = await getProjects(slug);
  return (
    <div className="page">
      <header className="page-intro">
        <h1>{category.label}</h1>
        {category.description && <p className="lede">{category.description}</p>}
      </header>
      <ProjectGrid>
        {projects.map((project, index) => (
          <ProjectCard key={project.slug} project={project} headingLevel="h2" priority={index === 0} />
        ))}
      </ProjectGrid>
    </div>
  );
}
