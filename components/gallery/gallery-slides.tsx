'use client';

import type { CSSProperties, ReactNode } from 'react';
import { format } from '@/lib/i18n';
import { pickSource } from './image-sources';
import type { GalleryItem, GalleryPhoto, GalleryStrings } from './types';

/** The bar above a slide and the space under it, which the slide's media cannot use. */
const chrome = '7rem';
const chromePx = 112;

const ratioOf = (photo: GalleryPhoto | undefined) => (photo ? photo.width / photo.height : 16 / 9);
const ratioStyle = (ratio: number) => ({ '--ratio': ratio.toFixed(4) }) as CSSProperties;
/** As wide as the screen, or as the height left by the bar allows. */
const fittedSizes = (ratio: number) => `min(100vw, calc((100vh - ${chrome}) * ${ratio.toFixed(3)}))`;

/** A slide's media with its caption under it, and the camera's facts in a quieter line below. */
function SlideFigure({ caption, camera, children }: { caption?: string; camera?: string; children: ReactNode }) {
  return (
    <figure className="gallery-figure">
      <div className="gallery-frame">{children}</div>
      {(caption || camera) && (
        <figcaption className="gallery-caption">
          {caption}
          {camera && <span className="gallery-camera">{camera}</span>}
        </figcaption>
      )}
    </figure>
  );
}

type ImageProps = {
  photo: GalleryPhoto;
  alt: string;
  /**
   * CSS px the photo spans once zoomed: the browser then takes a wider srcset candidate, up to the source's own
   * width. Undefined until the photo is first zoomed, so that opening the gallery costs no more than before.
   */
  zoomedWidth?: number;
};

/** One photo, drawn whole inside its frame; Swiper's Zoom scales the `swiper-zoom-container` around it. */
export function SlideImage({ photo, alt, zoomedWidth }: ImageProps) {
  const ratio = ratioOf(photo);
  const sizes = zoomedWidth ? `${zoomedWidth}px` : fittedSizes(ratio);
  const { src, srcSet } = photo;
  return (
    <div className="swiper-zoom-container">
      {/* sizes before srcset before src, as next/image orders them: otherwise a browser may fetch twice. */}
      <img
        sizes={sizes}
        srcSet={srcSet}
        src={src}
        width={photo.width}
        height={photo.height}
        alt={alt}
        className="gallery-image"
        style={ratioStyle(ratio)}
        decoding="async"
        draggable={false}
      />
    </div>
  );
}

type SlideProps = { item: GalleryItem; zoomedWidth?: number; playing: boolean; onPlay: () => void; strings: GalleryStrings };

/** The content of one slide: a zoomable photo, a video, or an embed that loads its player on demand. */
export function Slide({ item, zoomedWidth, playing, onPlay, strings }: SlideProps) {
  switch (item.type) {
    case 'image':
      return (
        <SlideFigure caption={item.caption} camera={item.camera}>
          <SlideImage photo={item.photo} alt={item.alt} zoomedWidth={zoomedWidth} />
        </SlideFigure>
      );
    case 'video': {
      const ratio = ratioOf(item.poster);
      const width = Math.min(window.innerWidth, (window.innerHeight - chromePx) * ratio);
      return (
        <SlideFigure caption={item.caption}>
          {/* Never autoplayed; no byte of the clip is fetched until play is pressed. */}
          <video
            className="gallery-video swiper-no-swiping"
            style={ratioStyle(ratio)}
            src={item.src}
            poster={pickSource(item.poster, width)}
            width={item.poster.width}
            height={item.poster.height}
            aria-label={item.alt}
            controls
            playsInline
            preload="none"
          />
        </SlideFigure>
      );
    }
    case 'embed': {
      const ratio = ratioOf(item.poster);
      return (
        <SlideFigure caption={item.caption}>
          {playing ? (
            // Created only once play is pressed: until then, nothing is fetched from the video's host.
            <iframe
              className="gallery-embed swiper-no-swiping"
              style={ratioStyle(16 / 9)}
              src={`${item.src}${item.src.includes('?') ? '&' : '?'}autoplay=1`}
              title={item.alt}
              allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
            />
          ) : (
            <button
              type="button"
              className="gallery-embed gallery-play"
              style={ratioStyle(ratio)}
              onClick={onPlay}
              aria-label={format(strings.playVideo, { provider: item.provider })}
            >
              {item.poster ? (
                <img
                  sizes={fittedSizes(ratio)}
                  srcSet={item.poster.srcSet}
                  src={item.poster.src}
                  width={item.poster.width}
                  height={item.poster.height}
                  alt={item.alt}
                  className="gallery-poster"
                  draggable={false}
                />
              ) : (
                <span className="gallery-poster gallery-poster-empty">{item.alt}</span>
              )}
              <span className="gallery-play-icon" aria-hidden="true" />
            </button>
          )}
        </SlideFigure>
      );
    }
  }
}
