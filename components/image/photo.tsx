import { getImageProps } from 'next/image';
import type { Picture } from '@/lib/content';
import { PreloadPhoto } from './preload-photo';

type Props = {
  photo: Pick<Picture, 'src' | 'srcSet' | 'avifSrcSet' | 'alt' | 'width' | 'height' | 'blurDataURL'>;
  sizes: string;
  /** The page's largest photo (its LCP element): preloaded from <head> and fetched eagerly at high priority. */
  priority?: boolean;
  className?: string;
  /** Where a crop (`object-fit: cover`) centres, in percent across and down. */
  focus?: { x: number; y: number };
};

/**
 * A responsive photo from the files built for it (AVIF for the small widths where the browser takes it, WebP
 * otherwise), with its intrinsic size and a blurred placeholder: its thumbnail as the background (app/globals.css).
 * Not next/image's placeholder, an SVG blur filter around the thumbnail that took about 1.3 KB in the HTML and 1 KB in
 * the RSC payload of every photo (a fifth of a project page).
 */
export function Photo({ photo, sizes, priority = false, className, focus }: Props) {
  // Next's image optimizer is off (images.unoptimized): getImageProps adds the loading attributes, and the built
  // files' srcset goes beside it.
  const {
    props: { src, ...props },
  } = getImageProps({
    src: photo.src,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    loading: priority ? 'eager' : 'lazy',
    fetchPriority: priority ? 'high' : undefined,
  });
  // Inside <picture>, React adds no preload of its own, neither to the HTML nor to the RSC payload: PreloadPhoto
  // writes the one this page needs.
  return (
    <picture>
      {priority && <PreloadPhoto href={src} imageSrcSet={photo.avifSrcSet} imageSizes={sizes} type="image/avif" />}
      <source type="image/avif" sizes={sizes} srcSet={photo.avifSrcSet} />
      {/* src last: Safari starts fetching `src` as soon as it is set, before it knows srcset and sizes. */}
      <img
        {...props}
        style={{
          backgroundImage: `url(${photo.blurDataURL})`,
          ...(focus && { objectPosition: `${focus.x}% ${focus.y}%`, backgroundPosition: `${focus.x}% ${focus.y}%` }),
        }}
        alt={photo.alt}
        className={className}
        sizes={sizes}
        srcSet={photo.srcSet}
        src={src}
      />
    </picture>
  );
}
