'use client';

import { useRef } from 'react';
import { loadDialog, useGallery } from './use-gallery';
import type { GalleryItem, GalleryStrings } from './types';

type Props = {
  label: string;
  className: string;
  title: string;
  items: GalleryItem[];
  followsHash: boolean;
  strings: GalleryStrings;
};

/** A button that opens the project's media in a modal slider, kept in step with the URL hash. */
export function GalleryButton({ label, className, title, items, followsHash, strings }: Props) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { open, dialog } = useGallery({ title, items, followsHash, strings, fallbackFocus: () => buttonRef.current });
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={(event) => open(0, event.currentTarget)}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
      >
        {label}
      </button>
      {dialog}
    </>
  );
}
