import { cache } from 'react';
import type { Media, Picture } from '@/lib/content';
import type { Strings } from '@/lib/i18n';
import type { GalleryItem, GalleryPhoto, GalleryStrings } from './types';

const providers = { youtube: 'YouTube', vimeo: 'Vimeo' } as const;

/** What the gallery needs of an image: no more than it draws (the alt is the item's). */
export function galleryPhoto({ src, gallerySrcSet, width, height }: Picture): GalleryPhoto {
  return { src, srcSet: gallerySrcSet, width, height };
}

/**
 * A project's media as the gallery's slides: plain props for the client islands. One array per page render (React's
 * `cache`), so that the grid and every gallery button share it and the RSC payload carries it once.
 */
export const galleryItems = cache((media: Media[]): GalleryItem[] =>
  media.map((item): GalleryItem => {
    const { alt, caption } = item;
    switch (item.type) {
      case 'image':
        return { type: 'image', alt, caption, photo: galleryPhoto(item), ...(item.camera && { camera: item.camera }) };
      case 'video':
        return { type: 'video', alt, caption, src: item.file, poster: galleryPhoto(item.poster) };
      case 'embed':
        return {
          type: 'embed',
          alt,
          caption,
          src: item.player.src,
          provider: providers[item.player.provider],
          poster: item.poster && galleryPhoto(item.poster),
        };
    }
  }),
);

/** The gallery's interface strings, one object per page render like galleryItems: sent once, not once per island. */
export const galleryStrings = cache((strings: Strings): GalleryStrings => {
  const {
    close,
    previousSlide,
    nextSlide,
    slidePosition,
    slideAnnouncement,
    videoAnnouncement,
    captionAnnouncement,
    zoom,
    zoomAnnouncement,
    zoomResetAnnouncement,
    playVideo,
  } = strings;
  return {
    close,
    previousSlide,
    nextSlide,
    slidePosition,
    slideAnnouncement,
    videoAnnouncement,
    captionAnnouncement,
    zoom,
    zoomAnnouncement,
    zoomResetAnnouncement,
    playVideo,
  };
});
