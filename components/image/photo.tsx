import { getImageProps } from 'next/image';
import type { Picture } from '@/lib/content';

type Props = {
  photo: Pick<Picture, 'file' | 'alt' | 'width' | 'height' | 'blurDataURL'>;
  sizes: string;
  /**
   * The page's largest photo (its LCP element): fetched eagerly at high priority. Not preloaded from <head>:
   * the hint would travel in this page's prefetch data and make other pages download this photo.
   */
  priority?: boolean;
  className?: string;
};

/** A responsive, optimized photo with its intrinsic size and a blurred placeholder, and no client JavaScript. */
export function Photo({ photo, sizes, priority = false, className }: Props) {
  const { props } = getImageProps({
    src: photo.file,
    alt: photo.alt,
    width: photo.width,
    height: photo.height,
    sizes,
    quality: 70,
    placeholder: 'blur',
    blurDataURL: photo.blurDataURL,
    loading: priority ? 'eager' : 'lazy',
    fetchPriority: priority ? 'high' : undefined,
  });
  return <img {...props} alt={photo.alt} className={className} />;
}
