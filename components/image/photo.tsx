import { getImageProps } from 'next/image';
import type { Picture } from '@/lib/content';

type Props = {
  photo: Pick<Picture, 'src' | 'srcSet' | 'alt' | 'width' | 'height' | 'blurDataURL'>;
  sizes: string;
  /**
   * The page's largest photo (its LCP element): fetched eagerly at high priority. Not preloaded from <head>:
   * the hint would travel in this page's prefetch data and make other pages download this photo.
   */
  priority?: boolean;
  className?: string;
};

/** A responsive photo from the files built for it, with its intrinsic size, a blurred placeholder and no client JavaScript. */
export function Photo({ photo, sizes, priority = false, className }: Props) {
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
  // src last: Safari starts fetching `src` as soon as it is set, before it knows srcset and sizes.
  return <img {...props} alt={photo.alt} className={className} sizes={sizes} srcSet={photo.srcSet} src={src} />;
}
