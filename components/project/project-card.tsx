import Link from 'next/link';
import type { Project } from '@/lib/content';
import { CoverMedia } from './cover-media';
import { languageOf } from './language-of';

type Props = {
  project: Pick<Project, 'slug' | 'title' | 'year' | 'href' | 'cover' | 'lang'>;
  /** The listing's language: a project shown untranslated is marked with its own. */
  pageLang: string;
  headingLevel: 'h2' | 'h3';
  priority?: boolean;
};

const cardSizes = '(min-width: 1200px) 370px, (min-width: 700px) 45vw, calc(100vw - 2.5rem)';

export function ProjectCard({ project, pageLang, headingLevel: Heading, priority }: Props) {
  return (
    <li className="card">
      <Link href={project.href} className="card-link" {...languageOf(project, pageLang)}>
        <CoverMedia project={project} sizes={cardSizes} priority={priority} className="card-media" imageClassName="card-image" cropped />
        <Heading className="card-title">{project.title}</Heading>
        {project.year && <p className="card-year">{project.year}</p>}
      </Link>
    </li>
  );
}

export function ProjectGrid({ children }: { children: React.ReactNode }) {
  return <ul className="card-grid">{children}</ul>;
}
