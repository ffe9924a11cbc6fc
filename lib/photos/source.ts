import path from 'node:path';

/** How front matter names a photo: `/_static/images/<name>`, whatever folder its source is kept in. */
export const photoPrefix = '/_static/images/';

/** The source file of the photo `file` names: `/_static/images/x.jpg` is `<imagesDir>/x.jpg`. */
export function photoSourcePath(imagesDir: string, file: string): string {
  return path.join(imagesDir, file.startsWith(photoPrefix) ? file.slice(photoPrefix.length) : file);
}
