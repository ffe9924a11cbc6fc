export type GalleryPhoto = { src: string; alt: string; width: number; height: number };

export type GalleryStrings = {
  close: string;
  previousSlide: string;
  nextSlide: string;
  slidePosition: string;
  slideAnnouncement: string;
};
