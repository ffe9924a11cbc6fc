'use client';

import { preload } from 'react-dom';

type Props = { href: string; imageSrcSet: string; imageSizes: string; type: string };

/**
 * Preloads the page's first photo from the top of <head>, ahead of the scripts. Called here, in a client component,
 * the hint is written into the page's HTML only: from a server component it would also travel in the page's RSC
 * payload, and every page that prefetches this one would download the photo.
 */
export function PreloadPhoto({ href, imageSrcSet, imageSizes, type }: Props) {
  // `href` is for browsers without imagesrcset; every browser that takes AVIF reads imagesrcset.
  preload(href, { as: 'image', imageSrcSet, imageSizes, type, fetchPriority: 'high' });
  return null;
}
