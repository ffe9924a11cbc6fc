/** One image as the gallery draws it (a photo, or the poster of a video or an embed): `srcSet` lists every file built
 * for it, up to the image's own width. */
/** A photo's files and size; its `alt` is the item's (sent once). */
export type GalleryPhoto = { src: string; srcSet: string; width: number; height: number };

/** One slide of the gallery, in media order. `alt` describes it; `caption` shows under it. */
export type GalleryItem = { alt: string; caption?: string } & (
  | { type: 'image'; photo: GalleryPhoto; /** The camera's facts, one line. */ camera?: string }
  | { type: 'video'; src: string; poster: GalleryPhoto }
  | { type: 'embed'; src: string; provider: string; poster?: GalleryPhoto }
);

export type GalleryStrings = {
  close: string;
  previousSlide: string;
  nextSlide: string;
  slidePosition: string;
  slideAnnouncement: string;
  videoAnnouncement: string;
  captionAnnouncement: string;
  zoom: string;
  zoomAnnouncement: string;
  zoomResetAnnouncement: string;
  playVideo: string;
};
