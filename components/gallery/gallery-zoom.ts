import type { Swiper } from 'swiper/types';

/** How far a photo zooms: three times its fitted size, sharp up to the source's own width. */
export const maxZoom = 3;
/** One press of + or -. */
const keyStep = 1.5;
/** Ctrl+wheel: a mouse notch (100 px) zooms by ~1.6×, a trackpad pinch's small steps smoothly. */
const wheelRate = 0.005;
/** A pinch or a wheel spin reports many scales: only the one it rests on is announced and fetched for. */
const settleMs = 250;

export type SettledZoom = { index: number; scale: number; width: number };

/**
 * What Swiper's Zoom module (double-tap, pinch, pan) lacks: Ctrl+wheel and `+`/`-`/`0` zoom, no slide change while
 * zoomed or pinching, and a report of each zoom once it settles.
 */
export function attachZoom(swiper: Swiper, onSettle: (zoom: SettledZoom) => void) {
  const pointers = new Set<number>();
  const zoomable = () => Boolean(swiper.slides[swiper.activeIndex]?.querySelector('.swiper-zoom-container'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let quiet = false;

  // Swiper announces a new scale before it takes it: handlers of zoomChange pass it on.
  const lockSlides = (scale = swiper.zoom.scale) => {
    // While zoomed, a drag pans the photo; with two fingers down, it pinches: neither may change slide.
    swiper.allowTouchMove = scale <= 1 && pointers.size < 2;
  };

  const zoomTo = (scale: number) => {
    const target = Math.min(Math.max(scale, 1), maxZoom);
    if (target < 1.01) {
      swiper.zoom.out();
    } else {
      // Zoom.in(ratio) from the fitted photo aims at the slide's top-left corner (Swiper 14.4); in() zooms on the
      // centre, and a ratio from there keeps the centre where it is.
      if (swiper.zoom.scale <= 1) swiper.zoom.in();
      swiper.zoom.in(target);
    }
  };

  const onZoomChange = (_swiper: Swiper, scale: number, imageEl: HTMLElement, slideEl: HTMLElement) => {
    lockSlides(scale);
    clearTimeout(timer);
    if (quiet || !imageEl || !slideEl) return;
    timer = setTimeout(() => {
      // A pinch back to the fitted size leaves the photo where the fingers moved it: put it back in its place.
      if (scale <= 1) swiper.zoom.out();
      onSettle({ index: swiper.slides.indexOf(slideEl), scale, width: Math.round(imageEl.offsetWidth * scale) });
    }, settleMs);
  };

  const onWheel = (event: WheelEvent) => {
    // Ctrl+wheel is also what a trackpad pinch sends; without preventDefault the browser would zoom the page.
    if (!event.ctrlKey || !zoomable()) return;
    event.preventDefault();
    zoomTo(swiper.zoom.scale * Math.exp(-event.deltaY * wheelRate));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || !zoomable()) return;
    const factor = { '+': keyStep, '=': keyStep, '-': 1 / keyStep, '0': 0 }[event.key];
    if (factor === undefined) return;
    event.preventDefault();
    zoomTo(swiper.zoom.scale * factor);
  };
  const onPointerDown = (event: PointerEvent) => {
    pointers.add(event.pointerId);
    lockSlides();
  };
  const onPointerUp = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    lockSlides();
  };

  // Swiper counts the end of a drag as a first tap: a double tap right after a pan would zoom out, then in again.
  const onTouchEnd = () => {
    if (swiper.allowClick) return;
    setTimeout(() => {
      swiper.touchEventsData.lastClickTime = 0;
    });
  };

  swiper.on('zoomChange', onZoomChange);
  swiper.on('touchEnd', onTouchEnd);
  swiper.el.addEventListener('wheel', onWheel, { passive: false });
  // On the document, like Swiper's own arrow keys: a click on the photo leaves the focus on the page's body.
  document.addEventListener('keydown', onKeyDown);
  swiper.el.addEventListener('pointerdown', onPointerDown, true);
  // A finger may be lifted anywhere, outside the slider too.
  for (const type of ['pointerup', 'pointercancel'] as const) document.addEventListener(type, onPointerUp, true);

  return {
    toggle() {
      zoomTo(swiper.zoom.scale > 1 ? 1 : maxZoom);
    },
    /** Back to the fitted photo, silently: for a slide change, whose own announcement says enough. */
    reset() {
      quiet = true;
      swiper.zoom.out();
      quiet = false;
      clearTimeout(timer);
    },
    detach() {
      clearTimeout(timer);
      swiper.off('zoomChange', onZoomChange);
      swiper.off('touchEnd', onTouchEnd);
      swiper.el.removeEventListener('wheel', onWheel);
      document.removeEventListener('keydown', onKeyDown);
      swiper.el.removeEventListener('pointerdown', onPointerDown, true);
      for (const type of ['pointerup', 'pointercancel'] as const) document.removeEventListener(type, onPointerUp, true);
    },
  };
}

export type ZoomControls = ReturnType<typeof attachZoom>;
