import type { Metadata } from 'next';
import Link from 'next/link';
import { ProjectCard, ProjectGrid } from '@/components/project/project-card';
import { getAllProjects, getCategories, getProjects, getSite } from '@/lib/content';
import { pageMetadata } from '@/lib/metadata';

export async function generateMetadata(): Promise<Metadata> {
  const [site, projects] = await Promise.all([getSite(), getAllProjects()]);
  return pageMetadata(site, { path: '/', image: projects.find((project) => project.cover)?.cover });
}

export default async function HomePage() {
  const [site, categories] = await Promise.all([getSite(), getCategories()]);
  const sections = await Promise.all(
    categories.map(async (category) => ({ category, projects: await getProjects(category.slug) })),
  );
  return (
    <div className="page">
      <header className="page-intro">
        <h1>{site.title}</h1>
        <p className="lede">{site.description}</p>
      </header>
      {sections.map(({ category, projects }, sectionIndex) => (
        <section key={category.slug} className="home-section" aria-labelledby={`section-${category.slug}`}>
          <h2 id={`section-${category.slug}`} className="section-title">
            <Link href={`/${category.slug}`}>{category.label}</Link>
          </h2>
          {category.description && <p className="section-description">{category.description}</p>}
          <ProjectGrid>
            {projects.map((project, index) => (
              <ProjectCard
                key={project.slug}
                project={project}
                headingLevel="h3"
                priority={sectionIndex === 0 && index === 0}
              />
            ))}
          </ProjectGrid>
        </section>
      ))}
    </div>
  );
}
