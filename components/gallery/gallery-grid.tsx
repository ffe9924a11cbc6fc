'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { loadDialog, useGallery } from './use-gallery';
import type { GalleryItem, GalleryStrings } from './types';

type Props = {
  title: string;
  items: GalleryItem[];
  followsHash: boolean;
  strings: GalleryStrings;
  className: string;
  /** The server-rendered tiles: links to `#gallery-<n>`. */
  children: ReactNode;
};

const tileLink = 'a[href^="#gallery-"]';

/** Makes the tiles' `#gallery-<n>` links open the gallery on their slide; without JavaScript they stay plain links. */
export function GalleryGrid({ title, items, followsHash, strings, className, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const tileAt = (index: number) => ref.current?.querySelector<HTMLElement>(`a[href="#gallery-${index + 1}"]`);
  const { open, dialog } = useGallery({ title, items, followsHash, strings, fallbackFocus: tileAt });

  useEffect(() => {
    const grid = ref.current;
    if (!grid) return;
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element).closest<HTMLAnchorElement>(tileLink);
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      open(Number(link.hash.slice('#gallery-'.length)) - 1, link);
    };
    const prefetch = (event: Event) => {
      if ((event.target as Element).closest(tileLink)) void loadDialog();
    };
    grid.addEventListener('click', onClick);
    grid.addEventListener('pointerover', prefetch);
    grid.addEventListener('focusin', prefetch);
    return () => {
      grid.removeEventListener('click', onClick);
      grid.removeEventListener('pointerover', prefetch);
      grid.removeEventListener('focusin', prefetch);
    };
  }, [open]);

  return (
    <>
      <div ref={ref} className={className}>
        {children}
      </div>
      {dialog}
    </>
  );
}
