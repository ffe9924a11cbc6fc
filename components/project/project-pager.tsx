import Link from 'next/link';
import type { Project } from '@/lib/content';
import type { Strings } from '@/lib/i18n';

type Neighbour = Pick<Project, 'title' | 'href'> | undefined;

type Props = {
  previous: Neighbour;
  next: Neighbour;
  strings: Pick<Strings, 'projectNavigation' | 'previousProject' | 'nextProject'>;
};

/** Links to the neighbouring projects of the same category, in listing order. */
export function ProjectPager({ previous, next, strings }: Props) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label={strings.projectNavigation}>
      {previous && (
        <Link href={previous.href} rel="prev" className="pager-link pager-previous">
          <span className="pager-label">← {strings.previousProject}</span>
          <span className="pager-title">{previous.title}</span>
        </Link>
      )}
      {next && (
        <Link href={next.href} rel="next" className="pager-link pager-next">
          <span className="pager-label">{strings.nextProject} →</span>
          <span className="pager-title">{next.title}</span>
        </Link>
      )}
    </nav>
  );
}
