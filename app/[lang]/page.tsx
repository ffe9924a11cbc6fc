import type { Metadata } from 'next';
import Link from 'next/link';
import { ProjectCard, ProjectGrid } from '@/components/project/project-card';
import { getAllProjects, getCategories, getPageVersions, getProjects, getSiteIn } from '@/lib/content';
import { pathIn } from '@/lib/i18n';
import { pageMetadata } from '@/lib/metadata';

export async function generateMetadata({ params }: PageProps<'/[lang]'>): Promise<Metadata> {
  const { lang } = await params;
  const [site, projects, versions] = await Promise.all([getSiteIn(lang), getAllProjects(lang), getPageVersions('/')]);
  return pageMetadata(site, { path: versions[lang]!, lang, versions, image: projects.find((project) => project.cover)?.cover });
}

export default async function HomePage({ params }: PageProps<'/[lang]'>) {
  const { lang } = await params;
  const [site, categories] = await Promise.all([getSiteIn(lang), getCategories(lang)]);
  const sections = await Promise.all(
    categories.map(async (category) => ({ category, projects: await getProjects(category.slug, lang) })),
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
            <Link href={pathIn(site, lang, `/${category.slug}`)}>{category.label}</Link>
          </h2>
          {category.description && <p className="section-description">{category.description}</p>}
          <ProjectGrid>
            {projects.map((project, index) => (
              <ProjectCard
                key={project.slug}
                project={project}
                pageLang={lang}
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
