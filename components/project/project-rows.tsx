import { ViewTransition, type CSSProperties } from 'react';
import Link from 'next/link';
import { Photo } from '@/components/image/photo';
import type { Project } from '@/lib/content';
import { coverTransitionName } from './cover-transition';
import { tileSizes } from './justified-rows';
import './media-grid.css';

type Props = {
  projects: Pick<Project, 'slug' | 'title' | 'year' | 'href' | 'cover'>[];
  headingLevel: 'h2' | 'h3';
};

/** A category's projects in editor order, in justified rows that keep each cover's shape, title and year under it. */
export function ProjectRows({ projects, headingLevel: Heading }: Props) {
  const ratios = projects.map(({ cover }) => (cover ? cover.width / cover.height : 3 / 2));
  const sizes = tileSizes(ratios);
  return (
    <div className="justified">
      <ul className="media-grid-list cover-rows">
        {projects.map((project, index) => (
          <li key={project.slug} className="cover-tile" style={{ '--ratio': ratios[index]!.toFixed(4) } as CSSProperties}>
            <Link href={project.href} className="cover-tile-link">
              {project.cover ? (
                // The cover moves into the project page's (and back) on a navigation between them.
                <ViewTransition name={coverTransitionName(project.slug)} share="cover-morph" default="none">
                  <div className="cover-tile-media">
                    <Photo photo={project.cover} sizes={sizes[index]!} priority={index === 0} className="cover-tile-image" />
                  </div>
                </ViewTransition>
              ) : (
                <div className="cover-tile-media">
                  <span className="card-placeholder" aria-hidden="true">
                    {project.title.charAt(0)}
                  </span>
                </div>
              )}
              <Heading className="card-title">{project.title}</Heading>
              {project.year && <p className="card-year">{project.year}</p>}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
