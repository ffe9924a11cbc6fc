'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Keyboard, Zoom } from 'swiper/modules';
import { Swiper, SwiperSlide } from 'swiper/react';
import type { Swiper as SwiperInstance } from 'swiper/types';
import 'swiper/css';
import 'swiper/css/zoom';
import { format } from '@/lib/i18n';
import { attachZoom, maxZoom, type SettledZoom, type ZoomControls } from './gallery-zoom';
import { Slide } from './gallery-slides';
import type { GalleryItem, GalleryStrings } from './types';
import './gallery.css';

export type GalleryDialogProps = {
  title: string;
  items: GalleryItem[];
  initialIndex: number;
  strings: GalleryStrings;
  onSlideChange: (index: number) => void;
  onClose: () => void;
};

const neighbours = (index: number) => [index - 1, index, index + 1];

function announcement(item: GalleryItem | undefined, position: { position: number; total: number }, strings: GalleryStrings) {
  if (!item) return '';
  const slide = format(item.type === 'image' ? strings.slideAnnouncement : strings.videoAnnouncement, {
    ...position,
    alt: item.alt,
  });
  const described = item.caption ? format(strings.captionAnnouncement, { announcement: slide, caption: item.caption }) : slide;
  if (item.type !== 'image' || !item.camera) return described;
  return `${described}${/[.!?]$/.test(described) ? '' : '.'} ${item.camera}`;
}

/** The modal slider itself; loaded with Swiper only when a gallery is first opened. */
export function GalleryDialog({ title, items, initialIndex, strings, onSlideChange, onClose }: GalleryDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const swiperRef = useRef<SwiperInstance>(null);
  const zoomRef = useRef<ZoomControls>(null);
  const titleId = useId();
  const [index, setIndex] = useState(initialIndex);
  // Only the current slide and its neighbours are fetched; once fetched, a photo stays.
  const [fetched, setFetched] = useState(() => new Set(neighbours(initialIndex)));
  const [reducedMotion] = useState(() => window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  const [zoom, setZoom] = useState<{ scale: number; message: string }>({ scale: 1, message: '' });
  // The widest each photo has been zoomed to: its srcset candidate stays the sharp one it fetched.
  const [zoomedWidths, setZoomedWidths] = useState<Record<number, number>>({});
  // The embed whose player was asked for; leaving its slide removes the player, which stops it.
  const [playing, setPlaying] = useState<number>();

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => {
      dialog?.querySelectorAll('video').forEach((video) => video.pause());
      dialog?.close();
    };
  }, []);

  const settled = ({ index: slide, scale, width }: SettledZoom) => {
    setZoom((previous) => ({
      scale,
      message:
        scale > 1
          ? format(strings.zoomAnnouncement, { percent: Math.round(scale * 100) })
          : previous.scale > 1
            ? strings.zoomResetAnnouncement
            : previous.message,
    }));
    if (scale > 1) setZoomedWidths((previous) => ({ ...previous, [slide]: Math.max(previous[slide] ?? 0, width) }));
  };

  const changed = (swiper: SwiperInstance) => {
    zoomRef.current?.reset();
    setZoom({ scale: 1, message: '' });
    setPlaying(undefined);
    dialogRef.current?.querySelectorAll('video').forEach((video) => video.pause());
    setIndex(swiper.activeIndex);
    setFetched((previous) => new Set([...previous, ...neighbours(swiper.activeIndex)]));
    onSlideChange(swiper.activeIndex);
  };

  const position = { position: index + 1, total: items.length };
  const zoomable = items[index]?.type === 'image';

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
        <button
          type="button"
          className="gallery-zoom"
          aria-label={strings.zoom}
          aria-pressed={zoom.scale > 1}
          disabled={!zoomable}
          onClick={() => zoomRef.current?.toggle()}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <circle cx="10.5" cy="10.5" r="6.5" />
            <path d={zoom.scale > 1 ? 'M15.5 15.5 21 21M7.5 10.5h6' : 'M15.5 15.5 21 21M10.5 7.5v6M7.5 10.5h6'} />
          </svg>
        </button>
        <button type="button" className="gallery-close" onClick={onClose} autoFocus>
          {strings.close}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement(items[index], position, strings)}
      </p>
      <p className="visually-hidden" role="status">
        {zoom.message}
      </p>
      <Swiper
        className="gallery-swiper"
        modules={[Keyboard, Zoom]}
        initialSlide={initialIndex}
        keyboard={{ enabled: true, onlyInViewport: false }}
        zoom={{ maxRatio: maxZoom, toggle: true }}
        speed={reducedMotion ? 0 : 300}
        grabCursor
        onSwiper={(swiper) => {
          swiperRef.current = swiper;
          const controls = attachZoom(swiper, settled);
          zoomRef.current = controls;
          swiper.on('destroy', controls.detach);
        }}
        onSlideChange={changed}
      >
        {items.map((item, slide) => (
          <SwiperSlide key={slide} className="gallery-slide">
            {fetched.has(slide) && (
              <Slide
                item={item}
                zoomedWidth={zoomedWidths[slide]}
                playing={playing === slide}
                onPlay={() => setPlaying(slide)}
                strings={strings}
              />
            )}
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
        disabled={index === items.length - 1}
        aria-label={strings.nextSlide}
      >
        <span aria-hidden="true">›</span>
      </button>
    </dialog>
  );
}
