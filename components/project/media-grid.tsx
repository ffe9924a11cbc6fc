import type { CSSProperties } from 'react';
import { GalleryGrid } from '@/components/gallery/gallery-grid';
import { galleryItems, galleryStrings } from '@/components/gallery/gallery-items';
import { Photo } from '@/components/image/photo';
import { pictureOf, type Media, type Project } from '@/lib/content';
import type { Strings } from '@/lib/i18n';
import { tileSizes } from './justified-rows';
import './media-grid.css';

/** A project shows its series as a grid when it has more than its cover. */
export const showsGrid = (media: readonly Media[]) => media.length > 1;

type Props = { project: Pick<Project, 'title' | 'media'>; followsHash: boolean; strings: Strings };

/**
 * Every media item below the project's text, in justified rows that keep each photo's shape: a link to `#gallery-<n>`
 * that opens the gallery on it. Server-rendered; the rows are CSS (flex wrapping), so no script lays them out.
 */
export function MediaGrid({ project, followsHash, strings }: Props) {
  if (!showsGrid(project.media)) return null;
  const pictures = project.media.map(pictureOf);
  const ratios = pictures.map((picture) => (picture ? picture.width / picture.height : 16 / 9));
  const sizes = tileSizes(ratios);
  return (
    <GalleryGrid
      title={project.title}
      items={galleryItems(project.media)}
      followsHash={followsHash}
      strings={galleryStrings(strings)}
      className="media-grid"
    >
      <ul className="media-grid-list">
        {project.media.map((item, index) => {
          const picture = pictures[index];
          return (
            <li key={index} className="media-tile" style={{ '--ratio': ratios[index]!.toFixed(4) } as CSSProperties}>
              <a href={`#gallery-${index + 1}`} id={`gallery-${index + 1}`} className="media-tile-link" aria-haspopup="dialog">
                {picture ? (
                  <Photo photo={picture} sizes={sizes[index]!} className="media-tile-image" />
                ) : (
                  <span className="media-tile-empty">{item.alt}</span>
                )}
                {item.type !== 'image' && <span className="media-tile-play" aria-hidden="true" />}
              </a>
            </li>
          );
        })}
      </ul>
    </GalleryGrid>
  );
}
