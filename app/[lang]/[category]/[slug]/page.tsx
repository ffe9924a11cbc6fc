import type { Metadata } from 'next';
import { ViewTransition, type CSSProperties } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Photo } from '@/components/image/photo';
import { CoverBackTransition } from '@/components/project/cover-back-transition';
import { coverTransitionName } from '@/components/project/cover-transition';
import { MediaGrid } from '@/components/project/media-grid';
import { ProjectLinks } from '@/components/project/project-links';
import { ProjectPager } from '@/components/project/project-pager';
import { JsonLd } from '@/components/seo/json-ld';
import { getBuiltProjects, getCategory, getLanguages, getProject, getProjects, getProjectVersions, getSiteIn } from '@/lib/content';
import { getStrings, pathIn } from '@/lib/i18n';
import { pageMetadata } from '@/lib/metadata';
import { projectJsonLd } from '@/lib/structured-data';

export const dynamicParams = false;

// In a language other than the site's, only the translated projects have a page. Next calls this once per language
// and category, and one call that returns nothing (a language with no translation yet) leaves the route with no page
// at all, in every language: so each call names every page of every language, which Next merges into one list.
export async function generateStaticParams() {
  const pages = await Promise.all(
    (await getLanguages()).map(async (lang) => (await getBuiltProjects(lang)).map((project) => ({ lang, category: project.category, slug: project.slug }))),
  );
  return pages.flat();
}

export async function generateMetadata({ params }: PageProps<'/[lang]/[category]/[slug]'>): Promise<Metadata> {
  const { lang, category, slug } = await params;
  const [site, project, versions] = await Promise.all([getSiteIn(lang), getProject(category, slug, lang), getProjectVersions(slug)]);
  if (!project) return {};
  return pageMetadata(site, {
    title: project.title,
    description: project.summary,
    path: project.href,
    lang,
    versions,
    image: project.cover,
    type: 'article',
    noindex: project.unlisted,
  });
}

export default async function ProjectPage({ params }: PageProps<'/[lang]/[category]/[slug]'>) {
  const { lang, category: categorySlug, slug } = await params;
  const [project, category, siblings, site] = await Promise.all([
    getProject(categorySlug, slug, lang),
    getCategory(categorySlug, lang),
    getProjects(categorySlug, lang),
    getSiteIn(lang),
  ]);
  if (!project || !category) notFound();

  const strings = getStrings(lang);
  const categoryPath = pathIn(site, lang, `/${category.slug}`);
  // An unlisted project is in no listing, so it has no neighbours either.
  const index = siblings.findIndex((sibling) => sibling.slug === project.slug);
  const [previous, next] = index < 0 ? [] : [siblings[index - 1], siblings[index + 1]];
  const { cover } = project;
  const coverRatio = cover && (cover.width / cover.height).toFixed(3);

  return (
    <article className="project">
      <JsonLd data={projectJsonLd({ ...site, lang }, { ...category, href: categoryPath }, project)} />
      <header className="project-header">
        <h1 className="project-title">{project.title}</h1>
        <dl className="project-facts">
          <div>
            <dt>{strings.category}</dt>
            <dd>
              <Link href={categoryPath}>{category.label}</Link>
            </dd>
          </div>
          {project.year && (
            <div>
              <dt>{strings.year}</dt>
              <dd>{project.year}</dd>
            </div>
          )}
          {project.role && (
            <div>
              <dt>{strings.role}</dt>
              <dd>{project.role}</dd>
            </div>
          )}
        </dl>
        <p className="lede">{project.summary}</p>
        <ProjectLinks project={project} strings={strings} />
      </header>
      {cover && (
        // The card's cover moves into this one (and back) on a navigation between them.
        <ViewTransition name={coverTransitionName(project.slug)} share="cover-morph" default="none">
          {/* --ratio caps a portrait cover at 85vh, and keeps the box's size known before the photo arrives. */}
          <figure className="project-cover" style={{ '--ratio': coverRatio } as CSSProperties}>
            <Photo photo={cover} sizes={`min(calc(100vw - 2.5rem), 1120px, calc(85vh * ${coverRatio}))`} priority />
            {cover.caption && <figcaption className="project-cover-caption">{cover.caption}</figcaption>}
          </figure>
        </ViewTransition>
      )}
      {cover && <CoverBackTransition />}
      {project.html && <div className="prose" dangerouslySetInnerHTML={{ __html: project.html }} />}
      {/* A gallery button, when there is one, answers the #gallery-<n> deep link, as it did before the grid. */}
      <MediaGrid project={project} followsHash={!project.links.some((link) => link.action === 'slider')} strings={strings} />
      <ProjectPager previous={previous} next={next} pageLang={lang} strings={strings} />
    </article>
  );
}
