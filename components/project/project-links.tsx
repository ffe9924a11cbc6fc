import { GalleryButton } from '@/components/gallery/gallery-button';
import { galleryItems, galleryStrings } from '@/components/gallery/gallery-items';
import type { Project } from '@/lib/content';
import type { Strings } from '@/lib/i18n';

type Props = {
  project: Pick<Project, 'title' | 'links' | 'media'>;
  strings: Strings;
};

/** The project's `links`, in their order: gallery buttons, external links and mail links. */
export function ProjectLinks({ project, strings }: Props) {
  if (project.links.length === 0) return null;
  const items = galleryItems(project.media);
  const firstSlider = project.links.findIndex((link) => link.action === 'slider');
  return (
    <ul className="project-links">
      {project.links.map((link, index) => {
        const className = `button ${link.dark ? 'button-dark' : 'button-light'}`;
        return (
          <li key={index}>
            {link.action === 'slider' ? (
              <GalleryButton
                label={link.name}
                className={className}
                title={project.title}
                items={items}
                // One gallery answers the `#gallery-<n>` deep link, even if several buttons open it (the grid's, without one).
                followsHash={index === firstSlider}
                strings={galleryStrings(strings)}
              />
            ) : link.newtab ? (
              <a href={link.href} className={className} target="_blank" rel="noopener noreferrer">
                {link.name}
                <span aria-hidden="true"> ↗</span>
                <span className="visually-hidden"> {strings.opensInNewTab}</span>
              </a>
            ) : (
              <a href={link.href} className={className}>
                {link.name}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
