'use client';

import { useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { GalleryDialogProps } from './gallery-dialog';
import type { GalleryItem, GalleryStrings } from './types';

// Swiper's JavaScript and CSS, zoom, video and embeds live in this chunk, fetched on first open (or on hover/focus,
// as a prefetch).
export const loadDialog = () => import('./gallery-dialog').then((module) => module.GalleryDialog);

const hashPattern = /^#gallery-(\d+)$/;
const hashFor = (index: number) => `#gallery-${index + 1}`;
const clamp = (index: number, count: number) => Math.min(Math.max(index, 0), count - 1);

type Options = {
  title: string;
  items: GalleryItem[];
  /** Whether this gallery answers the `#gallery-<n>` deep link and Back/Forward to it (one per page). */
  followsHash: boolean;
  strings: GalleryStrings;
  /** What takes focus back once the gallery closes, when no element opened it (a deep link): slide index → element. */
  fallbackFocus: (index: number) => HTMLElement | null | undefined;
};

/** The project's gallery, kept in step with the URL hash: `open(index, opener)` shows it; Back or closing leaves it. */
export function useGallery({ title, items, followsHash, strings, fallbackFocus }: Options) {
  const [Dialog, setDialog] = useState<ComponentType<GalleryDialogProps>>();
  const [openAt, setOpenAt] = useState<number>();
  // True while the open gallery has a history entry of its own, so that Back (or closing) leaves it.
  const ownsEntry = useRef(false);
  const readInitialHash = useRef(followsHash);
  // What opened the gallery, focused again once the modal dialog has left the page.
  const opener = useRef<{ element?: HTMLElement; index: number }>(undefined);
  const refocus = useRef(false);

  const show = useCallback(
    async (index: number) => {
      const component = await loadDialog();
      setDialog(() => component);
      setOpenAt(clamp(index, items.length));
    },
    [items.length],
  );

  const hidden = useCallback(() => {
    ownsEntry.current = false;
    refocus.current = true;
    setOpenAt(undefined);
  }, []);

  useEffect(() => {
    if (openAt !== undefined || !refocus.current) return;
    refocus.current = false;
    const target = opener.current;
    // A frame later: going back to a fragment entry (`#main`, left by the skip link) first focuses that fragment.
    const frame = requestAnimationFrame(() => (target?.element ?? fallbackFocus(target?.index ?? 0))?.focus());
    return () => cancelAnimationFrame(frame);
  }, [openAt, fallbackFocus]);

  useEffect(() => {
    const indexInHash = () => {
      const match = hashPattern.exec(window.location.hash);
      return match ? clamp(Number(match[1]) - 1, items.length) : undefined;
    };
    const initial = readInitialHash.current ? indexInHash() : undefined;
    readInitialHash.current = false;
    if (initial !== undefined) {
      // Opened by a deep link: put the page itself behind the gallery, so that Back closes it.
      const { pathname, search } = window.location;
      window.history.replaceState(null, '', pathname + search);
      window.history.pushState(null, '', hashFor(initial));
      ownsEntry.current = true;
      opener.current = { index: initial };
      void show(initial);
    }
    const onPopState = () => {
      const index = indexInHash();
      if (index === undefined) {
        if (ownsEntry.current) hidden();
      } else if (followsHash && !ownsEntry.current) {
        ownsEntry.current = true;
        opener.current = { index };
        void show(index);
      }
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [followsHash, items.length, show, hidden]);

  const open = useCallback(
    (index: number, element: HTMLElement) => {
      // Pressed before the effect above first ran (its passive effects wait for a view transition to end): the hash
      // this push writes is no deep link, and must not be pushed a second time.
      readInitialHash.current = false;
      window.history.pushState(null, '', hashFor(index));
      ownsEntry.current = true;
      opener.current = { element, index };
      void show(index);
    },
    [show],
  );

  const close = () => {
    if (ownsEntry.current) window.history.back();
    else hidden();
  };

  const onSlideChange = (index: number) => {
    // Only while the gallery has its entry: a slide settling after Back gave it up must not write the hash back.
    if (ownsEntry.current) window.history.replaceState(null, '', hashFor(index));
  };

  const dialog: ReactNode = Dialog && openAt !== undefined && (
    <Dialog title={title} items={items} initialIndex={openAt} strings={strings} onSlideChange={onSlideChange} onClose={close} />
  );
  return { open, dialog };
}
