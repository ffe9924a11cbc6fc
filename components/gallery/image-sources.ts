import { getImageProps } from 'next/image';
import type { GalleryPhoto } from './types';

/**
 * The URL and srcset of a gallery image. Each candidate is labelled with the width it really has: the optimizer
 * never enlarges, so a candidate wider than the source is the source's own width, and only the first such is kept.
 */
export function imageSources(photo: GalleryPhoto, sizes: string): { srcSet: string; src: string } {
  const { props } = getImageProps({ ...photo, sizes, quality: 70 });
  const candidates: string[] = [];
  for (const candidate of props.srcSet?.split(', ') ?? []) {
    const [url, descriptor = ''] = candidate.split(' ');
    const width = Math.min(parseInt(descriptor, 10), photo.width);
    candidates.push(`${url} ${width}w`);
    if (width === photo.width) break;
  }
  return { srcSet: candidates.join(', '), src: props.src };
}

/** The candidate a browser would take for an image drawn `cssWidth` px wide: for a video's poster, which has no srcset. */
export function pickSource({ src, srcSet }: { src: string; srcSet: string }, cssWidth: number): string {
  const needed = cssWidth * window.devicePixelRatio;
  const candidates = srcSet
    .split(', ')
    .map((candidate) => candidate.split(' '))
    .map(([url = src, descriptor = '']) => ({ url, width: parseInt(descriptor, 10) }))
    .filter(({ width }) => width > 0);
  return (candidates.find(({ width }) => width >= needed) ?? candidates.at(-1))?.url ?? src;
}
