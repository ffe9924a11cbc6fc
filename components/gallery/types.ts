/** A photo as the gallery needs it: `srcSet` lists every file built for it, up to the photo's own width. */
export type GalleryPhoto = { src: string; srcSet: string; alt: string; width: number; height: number };

export type GalleryStrings = {
  close: string;
  previousSlide: string;
  nextSlide: string;
  slidePosition: string;
  slideAnnouncement: string;
};
