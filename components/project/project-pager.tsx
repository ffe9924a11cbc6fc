import Link from 'next/link';
import type { Project } from '@/lib/content';
import type { Strings } from '@/lib/i18n';
import { hrefLangOf } from './language-of';

type Neighbour = Pick<Project, 'title' | 'href' | 'lang'> | undefined;

type Props = {
  previous: Neighbour;
  next: Neighbour;
  /** The page's language: a neighbour shown untranslated is marked with its own. */
  pageLang: string;
  strings: Pick<Strings, 'projectNavigation' | 'previousProject' | 'nextProject'>;
};

/** Links to the neighbouring projects of the same category, in listing order. */
export function ProjectPager({ previous, next, pageLang, strings }: Props) {
  if (!previous && !next) return null;
  return (
    <nav className="pager" aria-label={strings.projectNavigation}>
      {previous && (
        <Link href={previous.href} rel="prev" className="pager-link pager-previous" hrefLang={hrefLangOf(previous, pageLang)}>
          <span className="pager-label">← {strings.previousProject}</span>
          <span className="pager-title" lang={hrefLangOf(previous, pageLang)}>
            {previous.title}
          </span>
        </Link>
      )}
      {next && (
        <Link href={next.href} rel="next" className="pager-link pager-next" hrefLang={hrefLangOf(next, pageLang)}>
          <span className="pager-label">{strings.nextProject} →</span>
          <span className="pager-title" lang={hrefLangOf(next, pageLang)}>
            {next.title}
          </span>
        </Link>
      )}
    </nav>
  );
}
