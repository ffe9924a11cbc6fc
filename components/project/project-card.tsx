import Link from 'next/link';
import { ViewTransition } from 'react';
import { Photo } from '@/components/image/photo';
import type { Project } from '@/lib/content';
import { coverTransitionName } from './cover-transition';

type Props = {
  project: Pick<Project, 'slug' | 'title' | 'year' | 'href' | 'cover'>;
  headingLevel: 'h2' | 'h3';
  priority?: boolean;
};

const cardSizes = '(min-width: 1200px) 370px, (min-width: 700px) 45vw, calc(100vw - 2.5rem)';

export function ProjectCard({ project, headingLevel: Heading, priority }: Props) {
  const { cover } = project;
  return (
    <li className="card">
      <Link href={project.href} className="card-link">
        {cover ? (
          <ViewTransition name={coverTransitionName(project.slug)} share="cover-morph" default="none">
            <div className="card-media">
              <Photo photo={cover} sizes={cardSizes} priority={priority} className="card-image" focus={cover.focus} />
            </div>
          </ViewTransition>
        ) : (
          <div className="card-media">
            <span className="card-placeholder" aria-hidden="true">
              {project.title.charAt(0)}
            </span>
          </div>
        )}
        <Heading className="card-title">{project.title}</Heading>
        {project.year && <p className="card-year">{project.year}</p>}
      </Link>
    </li>
  );
}

export function ProjectGrid({ children }: { children: React.ReactNode }) {
  return <ul className="card-grid">{children}</ul>;
}
