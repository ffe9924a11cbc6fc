import type { GalleryPhoto } from './types';

/** The candidate a browser would take for an image drawn `cssWidth` px wide: for a video's poster, which has no srcset. */
export function pickSource({ src, srcSet }: Pick<GalleryPhoto, 'src' | 'srcSet'>, cssWidth: number): string {
  const needed = cssWidth * window.devicePixelRatio;
  const candidates = srcSet
    .split(', ')
    .map((candidate) => candidate.split(' '))
    .map(([url = src, descriptor = '']) => ({ url, width: parseInt(descriptor, 10) }))
    .filter(({ width }) => width > 0);
  return (candidates.find(({ width }) => width >= needed) ?? candidates.at(-1))?.url ?? src;
}
