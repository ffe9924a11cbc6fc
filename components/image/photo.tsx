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
 * otherwise), with its intrinsic size and a blurred placeholder.
 */
export function Photo({ photo, sizes, priority = false, className, focus }: Props) {
  // Next's image optimizer is off (images.unoptimized): getImageProps adds the placeholder and loading attributes,
  // and the built files' srcset goes beside it.
  const {
    props: { src, ...props },
  } = getImageProps({
    src: photo.src,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    placeholder: 'blur',
    blurDataURL: photo.blurDataURL,
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
        style={focus ? { ...props.style, objectPosition: `${focus.x}% ${focus.y}%` } : props.style}
        alt={photo.alt}
        className={className}
        sizes={sizes}
        srcSet={photo.srcSet}
        src={src}
      />
    </picture>
  );
}
