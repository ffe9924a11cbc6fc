import { ViewTransition } from 'react';
import { Photo } from '@/components/image/photo';
import type { Project } from '@/lib/content';
import { coverTransitionName } from './cover-transition';

type Props = {
  project: Pick<Project, 'slug' | 'title' | 'cover'>;
  sizes: string;
  priority?: boolean;
  /** The classes of the box and of the photo, as each listing styles them. */
  className: string;
  imageClassName: string;
  /** Where a cropped cover centres (the home page's cards crop; the category rows keep the shape). */
  cropped?: boolean;
};

/** A listing's cover of a project, which moves into the project page's cover (and back) on a navigation between them. */
export function CoverMedia({ project, sizes, priority, className, imageClassName, cropped }: Props) {
  const { cover } = project;
  if (!cover) {
    return (
      <div className={className}>
        <span className="card-placeholder" aria-hidden="true">
          {project.title.charAt(0)}
        </span>
      </div>
    );
  }
  return (
    <ViewTransition name={coverTransitionName(project.slug)} share="cover-morph" default="none">
      <div className={className}>
        <Photo photo={cover} sizes={sizes} priority={priority} className={imageClassName} focus={cropped ? cover.focus : undefined} />
      </div>
    </ViewTransition>
  );
}
