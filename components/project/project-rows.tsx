import type { CSSProperties } from 'react';
import Link from 'next/link';
import type { Project } from '@/lib/content';
import { CoverMedia } from './cover-media';
import { languageOf } from './language-of';
import { tileSizes } from './justified-rows';
import './media-grid.css';

type Props = {
  projects: Pick<Project, 'slug' | 'title' | 'year' | 'href' | 'cover' | 'lang'>[];
  /** The listing's language: a project shown untranslated is marked with its own. */
  pageLang: string;
  headingLevel: 'h2' | 'h3';
};

/** A category's projects in editor order, in justified rows that keep each cover's shape, title and year under it. */
export function ProjectRows({ projects, pageLang, headingLevel: Heading }: Props) {
  const ratios = projects.map(({ cover }) => (cover ? cover.width / cover.height : 3 / 2));
  const sizes = tileSizes(ratios);
  return (
    <div className="justified">
      <ul className="media-grid-list cover-rows">
        {projects.map((project, index) => (
          <li key={project.slug} className="cover-tile" style={{ '--ratio': ratios[index]!.toFixed(4) } as CSSProperties}>
            <Link href={project.href} className="cover-tile-link" {...languageOf(project, pageLang)}>
              <CoverMedia project={project} sizes={sizes[index]!} priority={index === 0} className="cover-tile-media" imageClassName="cover-tile-image" />
              <Heading className="card-title">{project.title}</Heading>
              {project.year && <p className="card-year">{project.year}</p>}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
