'use client';

import { getImageProps } from 'next/image';
import { useEffect, useId, useRef, useState } from 'react';
import { Keyboard } from 'swiper/modules';
import { Swiper, SwiperSlide } from 'swiper/react';
import type { Swiper as SwiperInstance } from 'swiper/types';
import 'swiper/css';
import { format } from '@/lib/i18n';
import type { GalleryPhoto, GalleryStrings } from './types';
import './gallery.css';

export type GalleryDialogProps = {
  title: string;
  photos: GalleryPhoto[];
  initialIndex: number;
  strings: GalleryStrings;
  onSlideChange: (index: number) => void;
  onClose: () => void;
};

const neighbours = (index: number) => [index - 1, index, index + 1];

/** The modal slider itself; loaded with Swiper only when a gallery is first opened. */
export function GalleryDialog({ title, photos, initialIndex, strings, onSlideChange, onClose }: GalleryDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const swiperRef = useRef<SwiperInstance>(null);
  const titleId = useId();
  const [index, setIndex] = useState(initialIndex);
  // Only the current slide and its neighbours are fetched; once fetched, a photo stays.
  const [fetched, setFetched] = useState(() => new Set(neighbours(initialIndex)));
  const [reducedMotion] = useState(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  const changed = (swiper: SwiperInstance) => {
    setIndex(swiper.activeIndex);
    setFetched((previous) => new Set([...previous, ...neighbours(swiper.activeIndex)]));
    onSlideChange(swiper.activeIndex);
  };

  const position = { position: index + 1, total: photos.length };

  return (
    <dialog
      ref={dialogRef}
      className="gallery"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="gallery-bar">
        <h2 id={titleId} className="gallery-title">
          {title}
        </h2>
        <p className="gallery-position" aria-hidden="true">
          {format(strings.slidePosition, position)}
        </p>
        <button type="button" className="gallery-close" onClick={onClose} autoFocus>
          {strings.close}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {format(strings.slideAnnouncement, { ...position, alt: photos[index]?.alt ?? '' })}
      </p>
      <Swiper
        className="gallery-swiper"
        modules={[Keyboard]}
        initialSlide={initialIndex}
        keyboard={{ enabled: true, onlyInViewport: false }}
        speed={reducedMotion ? 0 : 300}
        grabCursor
        onSwiper={(swiper) => {
          swiperRef.current = swiper;
        }}
        onSlideChange={changed}
      >
        {photos.map((photo, slide) => (
          <SwiperSlide key={slide} className="gallery-slide">
            {fetched.has(slide) && <SlideImage photo={photo} />}
          </SwiperSlide>
        ))}
      </Swiper>
      <button
        type="button"
        className="gallery-nav gallery-previous"
        onClick={() => swiperRef.current?.slidePrev()}
        disabled={index === 0}
        aria-label={strings.previousSlide}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <button
        type="button"
        className="gallery-nav gallery-next"
        onClick={() => swiperRef.current?.slideNext()}
        disabled={index === photos.length - 1}
        aria-label={strings.nextSlide}
      >
        <span aria-hidden="true">›</span>
      </button>
    </dialog>
  );
}

function SlideImage({ photo }: { photo: GalleryPhoto }) {
  const {
    props: { src, ...props },
  } = getImageProps({ ...photo, loading: 'eager' });
  return (
    <img
      {...props}
      alt={photo.alt}
      className="gallery-image"
      draggable={false}
      // Shown whole inside the viewport, below the bar: as wide as the screen or as the height allows.
      sizes={`min(100vw, calc((100vh - 7rem) * ${(photo.width / photo.height).toFixed(3)}))`}
      srcSet={photo.srcSet}
      src={src}
    />
  );
}
