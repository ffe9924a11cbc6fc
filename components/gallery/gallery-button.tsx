'use client';

import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import type { GalleryDialogProps } from './gallery-dialog';
import type { GalleryItem, GalleryStrings } from './types';

type Props = {
  label: string;
  className: string;
  title: string;
  items: GalleryItem[];
  followsHash: boolean;
  strings: GalleryStrings;
};

// Swiper's JavaScript and CSS, zoom, video and embeds live in this chunk, fetched on first open (or on hover/focus,
// as a prefetch).
const loadDialog = () => import('./gallery-dialog').then((module) => module.GalleryDialog);

const hashPattern = /^#gallery-(\d+)$/;
const hashFor = (index: number) => `#gallery-${index + 1}`;
const clamp = (index: number, count: number) => Math.min(Math.max(index, 0), count - 1);

/** A button that opens the project's media in a modal slider, kept in step with the URL hash. */
export function GalleryButton({ label, className, title, items, followsHash, strings }: Props) {
  const [Dialog, setDialog] = useState<ComponentType<GalleryDialogProps>>();
  const [openAt, setOpenAt] = useState<number>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // True while the open gallery has a history entry of its own, so that Back (or closing) leaves it.
  const ownsEntry = useRef(false);
  const readInitialHash = useRef(followsHash);
  // Set on closing: the button can take focus back only once the modal dialog has left the page.
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
    // A frame later: going back to a fragment entry (`#main`, left by the skip link) first focuses that fragment.
    const frame = requestAnimationFrame(() => buttonRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [openAt]);

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
      void show(initial);
    }
    const onPopState = () => {
      const index = indexInHash();
      if (index === undefined) {
        if (ownsEntry.current) hidden();
      } else if (followsHash && !ownsEntry.current) {
        ownsEntry.current = true;
        void show(index);
      }
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [followsHash, items.length, show, hidden]);

  const open = () => {
    window.history.pushState(null, '', hashFor(0));
    ownsEntry.current = true;
    void show(0);
  };

  const close = () => {
    if (ownsEntry.current) window.history.back();
    else hidden();
  };

  const onSlideChange = (index: number) => {
    window.history.replaceState(null, '', hashFor(index));
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={open}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
      >
        {label}
      </button>
      {Dialog && openAt !== undefined && (
        <Dialog
          title={title}
          items={items}
          initialIndex={openAt}
          strings={strings}
          onSlideChange={onSlideChange}
          onClose={close}
        />
      )}
    </>
  );
}
